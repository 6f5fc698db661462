namespace Benchmark;

/// <summary>One figure of the report: how to read it from a runtime's results, and the target .NET should meet.</summary>
/// <param name="Name">The name on the final summary line.</param>
/// <param name="Unit">"ms" for times (lower is better), "x" for speedups (higher is better).</param>
/// <param name="Read">Picks this figure out of a runtime's results.</param>
/// <param name="Target">The target, as the table shows it.</param>
/// <param name="Check">Given the .NET value and the .NET/Python-spawn ratio (null without Python): met, missed, or null when it cannot be told.</param>
internal sealed record Figure(string Name, string Unit, Func<Figures, double> Read, string Target, Func<double, double?, bool?> Check)
{
    /// <summary>The figures in report order, with the targets for a 2-core Linux machine.</summary>
    public static readonly Figure[] All =
    [
        new("ready", "ms", f => f.ReadyMs, "ratio <= 0.25", RatioAtMost(0.25)),
        new("roundtrip", "ms", f => f.RoundtripMs, "ratio <= 0.5", RatioAtMost(0.5)),
        new("map100k", "ms", f => f.Map100kMs, "ratio <= 1", RatioAtMost(1)),
        new("map10k_chunk1", "ms", f => f.Map10kChunk1Ms, "ratio <= 1", RatioAtMost(1)),
        new("cpu_speedup", "x", f => f.CpuSpeedup, "dotnet >= 1.9", (dotnet, _) => dotnet >= 1.9),
    ];

    static Func<double, double?, bool?> RatioAtMost(double limit) => (_, ratio) => ratio is { } r ? r <= limit : null;
}
