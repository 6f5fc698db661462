namespace Benchmark;

/// <summary>How much work each figure does. The Python script receives the same values, so both sides run the same benchmark.</summary>
/// <param name="Workers">Pool size for every figure.</param>
/// <param name="Repeats">Measured runs per figure, after one warm-up run; the figure is their median.</param>
/// <param name="Roundtrips">Single apply_async round trips timed on a warm pool.</param>
/// <param name="CpuTasks">CPU-heavy tasks per run of the speedup figure.</param>
/// <param name="CpuTaskMs">How long one CPU-heavy task should take; each runtime calibrates its own iteration count.</param>
internal sealed record Settings(int Workers = 2, int Repeats = 5, int Roundtrips = 500, int CpuTasks = 8, double CpuTaskMs = 150);
