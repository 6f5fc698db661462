namespace Benchmark;

/// <summary>One figure of the report, and the target .NET should meet.</summary>
/// <param name="Name">The name both contestants measure it by, and the name on the final summary line.</param>
/// <param name="Unit">"ms" for times (lower is better), "x" for speedups (higher is better).</param>
/// <param name="Target">The target, as the table shows it.</param>
/// <param name="Check">Given the .NET value and the .NET/Python-spawn ratio (null without Python): met, missed, or null when it cannot be told.</param>
internal sealed record Figure(string Name, string Unit, string Target, Func<double, double?, bool?> Check)
{
    /// <summary>The figures in report and measurement order, with the targets for a 2-core Linux machine.</summary>
    public static readonly Figure[] All =
    [
        new("ready", "ms", "ratio <= 0.25", RatioAtMost(0.25)),
        new("roundtrip", "ms", "ratio <= 0.5", RatioAtMost(0.5)),
        new("map100k", "ms", "ratio <= 1", RatioAtMost(1)),
        new("map10k_chunk1", "ms", "ratio <= 1", RatioAtMost(1)),
        new("cpu_speedup", "x", "dotnet >= 1.9", (dotnet, _) => dotnet >= 1.9),
        // Lesson 5's ImapUnordered of uneven naps on 4 workers: the longest nap is 400 ms; 10 % over it allows one round trip and noise.
        new("makespan", "ms", "dotnet <= 440", (dotnet, _) => dotnet <= Workloads.Naps.Max() * 1.1),
        // Issue 21: message passing between two running processes, ahead of Python's multiprocessing.Queue and Pipe.
        new("queue100k", "ms", "ratio <= 1", RatioAtMost(1)),
        new("pipe_roundtrip", "ms", "ratio <= 1", RatioAtMost(1)),
    ];

    static Func<double, double?, bool?> RatioAtMost(double limit) => (_, ratio) => ratio is { } r ? r <= limit : null;
}
