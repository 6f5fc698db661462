using Multiprocessing.Measurements;

namespace Benchmark;

/// <summary>Prints the comparison: a table, details, machine info, then exactly one summary line per figure.</summary>
internal static class Report
{
    const string Row = "{0,-14} {1,-4} {2,10} {3,10} {4,10} {5,8} {6,11}  {7,-14} {8}";

    public static void Print(Results results, Settings settings, string loadBefore)
    {
        var rows = results.Figures.Select(result =>
        {
            var ratios = result.Ratios(Contestants.Dotnet, Contestants.Spawn);
            return (result, Value: result.Median(Contestants.Dotnet)!.Value, Ratios: ratios, Ratio: ratios is null ? (double?)null : Statistics.Median(ratios));
        }).ToArray();

        Console.WriteLine();
        Console.WriteLine($"Pool benchmark: {settings.Workers} workers. Per figure one warm-up round, then {settings.Rounds} rounds, each measuring");
        Console.WriteLine("dotnet, python spawn and python fork back to back (order rotated). Values are medians over the rounds;");
        Console.WriteLine("ratio = median of the per-round dotnet / python spawn; spread = lowest-highest per-round ratio.");
        Console.WriteLine();
        Console.WriteLine(Row, "figure", "unit", "dotnet", "py spawn", "py fork", "ratio", "spread", "target", "check");
        foreach (var (result, value, ratios, ratio) in rows)
        {
            string check = result.Figure.Check(value, ratio) switch { true => "PASS", false => "MISS", null => "n/a" };
            Console.WriteLine(Row, result.Figure.Name, result.Figure.Unit, Format(value),
                Format(result.Median(Contestants.Spawn)), Format(result.Median(Contestants.Fork)),
                FormatRatio(ratio), ratios is null ? "n/a" : $"{FormatRatio(ratios.Min())}-{FormatRatio(ratios.Max())}",
                result.Figure.Target, check);
        }

        var ready = results.Figures.SingleOrDefault(r => r.Figure.Name == "ready");
        var cpu = results.Figures.SingleOrDefault(r => r.Figure.Name == "cpu_speedup");
        var queue = results.Figures.SingleOrDefault(r => r.Figure.Name == "queue100k");
        double? floor = null, overFloor = null;
        if (ready is not null)
        {
            floor = ready.Median(Contestants.Dotnet, s => s.FloorMs);
            overFloor = Statistics.Median(ready.Samples[Contestants.Dotnet].Select(s => s.Value / s.FloorMs!.Value));
            Console.WriteLine(Row, "floor", "ms", Format(floor), "n/a", "n/a", "n/a", "n/a", "(reference)", "");
            Console.WriteLine($"  ready / floor = {FormatRatio(overFloor)} (median of per-round ratios; target <= 1.50: {(overFloor <= 1.5 ? "PASS" : "MISS")})");
        }
        Console.WriteLine();
        Console.WriteLine("details");
        if (ready is not null)
        {
            Console.WriteLine($"  floor: two `dotnet exec HelloWorld.dll` started at once, until both exited, measured right before each ready sample");
            Console.WriteLine($"  ready: the ProcessPool constructor takes {Format(ready.Median(Contestants.Dotnet, s => s.ConstructMs))} ms of the {Format(ready.Median(Contestants.Dotnet))} ms");
        }
        if (cpu is not null)
        {
            Console.WriteLine($"  cpu_speedup: {settings.CpuTasks} tasks of ~{settings.CpuTaskMs} ms each, sequential ms / pool ms (medians):");
            Console.WriteLine($"    dotnet ProcessPool      {Cpu(cpu.Samples[Contestants.Dotnet])}, {results.DotnetCpuIterations} iterations a task");
            Console.WriteLine($"    dotnet ThreadWorkerPool {Cpu(results.ThreadsCpu)} (note: threads, measured after the rounds, not compared)");
            foreach (var method in new[] { Contestants.Spawn, Contestants.Fork })
                if (cpu.Samples.TryGetValue(method, out var samples))
                    Console.WriteLine($"    python {method,-16} {Cpu(samples)}, {results.Python.CpuIterations} iterations a task");
        }
        if (queue is not null)
        {
            Console.WriteLine($"  queue100k: {settings.QueueItems:N0} small items (0, 1, 2...) from a running child to the parent, as items a second (medians):");
            foreach (var contestant in new[] { Contestants.Dotnet, Contestants.Spawn, Contestants.Fork })
                if (queue.Median(contestant) is { } ms)
                    Console.WriteLine($"    {contestant,-6} {settings.QueueItems / ms * 1000:N0} items/s");
        }
        if (results.Figures.Any(r => r.Figure.Name == "pipe_roundtrip"))
            Console.WriteLine($"  pipe_roundtrip: median of {settings.PipeRoundtrips:N0} send-and-receive round trips of a small number to an echoing child");
        Console.WriteLine("  per-round ratios dotnet / python spawn, in round order:");
        foreach (var (result, _, ratios, _) in rows)
            Console.WriteLine($"    {result.Figure.Name,-14} {(ratios is null ? "n/a" : string.Join(" ", ratios.Select(r => FormatRatio(r))))}");

        Console.WriteLine();
        Machine.Print(results.Python.Version, results.Python.Problem, loadBefore, Machine.LoadAverage());

        Console.WriteLine();
        foreach (var (result, value, _, ratio) in rows)
            Console.WriteLine($"{result.Figure.Name}: dotnet {Format(value)} python {Format(result.Median(Contestants.Spawn))} ratio {FormatRatio(ratio)}");
        if (ready is not null)
            Console.WriteLine($"floor: dotnet {Format(floor)} ready/floor {FormatRatio(overFloor)}");
    }

    static string Cpu(IReadOnlyList<Sample> samples) =>
        $"{Format(Statistics.Median(samples.Select(s => s.SequentialMs!.Value)))} / {Format(Statistics.Median(samples.Select(s => s.ParallelMs!.Value)))}" +
        $" = {Statistics.Median(samples.Select(s => s.Value)):0.00}x";

    /// <summary>About four significant digits, so sub-millisecond round trips stay readable.</summary>
    static string Format(double? value) => value is not { } v ? "n/a"
        : v.ToString(Math.Abs(v) >= 100 ? "0.0" : Math.Abs(v) >= 1 ? "0.00" : "0.000");

    static string FormatRatio(double? ratio) => ratio is { } r ? r.ToString("0.00") : "n/a";
}
