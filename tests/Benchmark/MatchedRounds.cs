using Multiprocessing.Measurements;

namespace Benchmark;

/// <summary>
/// Runs the benchmark in matched rounds: in each, .NET, Python spawn and Python fork measure the same figure back to back.
/// The machine's speed drifts a lot within a minute; measured in separate blocks, the two runtimes would see different machines.
/// </summary>
internal static class MatchedRounds
{
    /// <summary>Measures the <paramref name="figures"/>, then (with cpu_speedup) the ThreadWorkerPool note; shuts down the Python server and every pool before it returns or throws.</summary>
    public static Results Run(Settings settings, IReadOnlyList<Figure> figures, Action<string> log)
    {
        log("calibrating");
        using var dotnet = new DotnetContestant(settings);
        using var python = new PythonServer(settings);
        IContestant[] contestants = [dotnet, python.Method(Contestants.Spawn), python.Method(Contestants.Fork)];

        var results = new List<FigureResult>();
        foreach (var figure in figures)
        {
            log(figure.Name);
            results.Add(Rounds(figure, contestants, settings.Rounds));
        }

        IReadOnlyList<Sample> threads = [];
        if (figures.Any(f => f.Name == "cpu_speedup"))
        {
            log("cpu_speedup (ThreadWorkerPool note)");
            threads = dotnet.ThreadWorkerPoolCpu(settings.Rounds);
        }
        return new Results(results, threads, dotnet.CpuIterations, python.Info);
    }

    /// <summary>
    /// One warm-up round, then <paramref name="rounds"/> measured ones. The order rotates each round, so each contestant
    /// goes first, second and third equally often: whatever one measurement leaves behind for the next evens out.
    /// </summary>
    static FigureResult Rounds(Figure figure, IReadOnlyList<IContestant> contestants, int rounds)
    {
        var samples = contestants.ToDictionary(c => c.Name, _ => new List<Sample>());
        var failed = new HashSet<string>();
        for (int round = 0; round <= rounds; round++)
            foreach (var contestant in Statistics.RotatingOrder(contestants, round))
            {
                if (contestant.Measure(figure.Name) is not { } sample)
                    failed.Add(contestant.Name);
                else if (round > 0) // round 0 warms up
                    samples[contestant.Name].Add(sample);
            }
        return new FigureResult(figure, samples
            .Where(pair => !failed.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<Sample>)pair.Value));
    }
}
