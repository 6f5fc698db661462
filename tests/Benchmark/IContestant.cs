namespace Benchmark;

/// <summary>One side of the comparison: the .NET ProcessPool, or Python's Pool with one start method.</summary>
internal interface IContestant
{
    /// <summary>One of the <see cref="Contestants"/> names.</summary>
    string Name { get; }

    /// <summary>Measures <paramref name="figure"/> (a <see cref="Figure.Name"/>) once, or returns null when this contestant cannot measure.</summary>
    Sample? Measure(string figure);
}

/// <summary>The contestants' names; the Python ones are also the start methods the server is asked for.</summary>
internal static class Contestants
{
    public const string Dotnet = "dotnet";
    public const string Spawn = "spawn";
    public const string Fork = "fork";
}
