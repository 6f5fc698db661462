namespace Benchmark;

/// <summary>Everything the report shows.</summary>
/// <param name="Figures">The compared figures, in <see cref="Figure.All"/> order.</param>
/// <param name="ThreadsCpu">cpu_speedup of <see cref="Multiprocessing.ThreadWorkerPool"/>: a note, measured after the rounds, not compared.</param>
/// <param name="DotnetCpuIterations">Spin iterations a CPU task takes in .NET, as calibrated.</param>
/// <param name="Python">The Python server's calibration, version, and problem if any.</param>
internal sealed record Results(IReadOnlyList<FigureResult> Figures, IReadOnlyList<Sample> ThreadsCpu, long DotnetCpuIterations, PythonInfo Python);

/// <summary>What the report says about the Python side besides its samples.</summary>
/// <param name="Version">Python's version, or null without a working server.</param>
/// <param name="CpuIterations">Spin iterations a CPU task takes in Python, as calibrated; null without a working server.</param>
/// <param name="Problem">Why some or all Python figures are missing, or null.</param>
/// <param name="Crashed">True when python3 exists but the server failed, which makes the benchmark exit non-zero.</param>
internal sealed record PythonInfo(string? Version, long? CpuIterations, string? Problem, bool Crashed);
