namespace Benchmark;

/// <summary>Prints the comparison: a table, details, machine info, then exactly one summary line per figure.</summary>
internal static class Report
{
    const string Row = "{0,-14} {1,-4} {2,10} {3,10} {4,10} {5,8}  {6,-14} {7}";

    public static void Print(DotnetRun dotnet, PythonOutcome python, Settings settings, string loadBefore)
    {
        var spawn = python.Runs.GetValueOrDefault("spawn")?.Figures;
        var fork = python.Runs.GetValueOrDefault("fork")?.Figures;

        Console.WriteLine();
        Console.WriteLine($"Pool benchmark: {settings.Workers} workers, median of {settings.Repeats} runs after a warm-up; ratio = dotnet / python spawn");
        Console.WriteLine();
        var rows = Figure.All
            .Select(f => (Figure: f, Value: f.Read(dotnet.Pool), Ratio: spawn is null ? (double?)null : f.Read(dotnet.Pool) / f.Read(spawn)))
            .ToArray();
        Console.WriteLine(Row, "figure", "unit", "dotnet", "py spawn", "py fork", "ratio", "target", "check");
        foreach (var (figure, value, ratio) in rows)
        {
            string check = figure.Check(value, ratio) switch { true => "PASS", false => "MISS", null => "n/a" };
            Console.WriteLine(Row, figure.Name, figure.Unit, Format(value), Format(spawn, figure), Format(fork, figure),
                FormatRatio(ratio), figure.Target, check);
        }

        Console.WriteLine();
        Console.WriteLine("details");
        Console.WriteLine($"  ready: the ProcessPool constructor takes {Format(dotnet.ReadyConstructMs)} ms of the {Format(dotnet.Pool.ReadyMs)} ms");
        Console.WriteLine($"  cpu_speedup: {settings.CpuTasks} tasks of ~{settings.CpuTaskMs} ms each, sequential ms / pool ms:");
        Console.WriteLine($"    dotnet ProcessPool      {Cpu(dotnet.Pool.CpuSequentialMs, dotnet.Pool.CpuParallelMs, dotnet.Pool.CpuSpeedup)}, {dotnet.Pool.CpuIterations} iterations a task");
        Console.WriteLine($"    dotnet ThreadWorkerPool {Cpu(dotnet.Threads.SequentialMs, dotnet.Threads.ParallelMs, dotnet.Threads.Speedup)} (note: threads, not compared)");
        foreach (var (method, run) in python.Runs)
            Console.WriteLine($"    python {method,-16} {Cpu(run.Figures.CpuSequentialMs, run.Figures.CpuParallelMs, run.Figures.CpuSpeedup)}, {run.Figures.CpuIterations} iterations a task");

        Console.WriteLine();
        Machine.Print(python.Runs.Values.FirstOrDefault()?.PythonVersion, python.Problem, loadBefore, Machine.LoadAverage());

        Console.WriteLine();
        foreach (var (figure, value, ratio) in rows)
            Console.WriteLine($"{figure.Name}: dotnet {Format(value)} python {Format(spawn, figure)} ratio {FormatRatio(ratio)}");
    }

    static string Cpu(double sequentialMs, double parallelMs, double speedup) =>
        $"{Format(sequentialMs)} / {Format(parallelMs)} = {speedup:0.00}x";

    static string Format(Figures? figures, Figure figure) => figures is null ? "n/a" : Format(figure.Read(figures));

    /// <summary>About four significant digits, so sub-millisecond round trips stay readable.</summary>
    static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0.0" : Math.Abs(value) >= 1 ? "0.00" : "0.000");

    static string FormatRatio(double? ratio) => ratio is { } r ? r.ToString("0.00") : "n/a";
}
