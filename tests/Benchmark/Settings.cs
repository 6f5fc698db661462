namespace Benchmark;

/// <summary>How much work each figure does. The Python server receives the same values, so both sides run the same benchmark.</summary>
/// <param name="Workers">Pool size for every figure.</param>
/// <param name="Rounds">
/// Measured rounds per figure, after one warm-up round; each figure is the median over them. A multiple of the three
/// contestants, so that with the order rotated each round every contestant goes first, second and third equally often.
/// </param>
/// <param name="Roundtrips">Single apply_async round trips timed on a warm pool, per round.</param>
/// <param name="CpuTasks">CPU-heavy tasks per run of the speedup figure.</param>
/// <param name="CpuTaskMs">How long one CPU-heavy task should take; each runtime calibrates its own iteration count.</param>
/// <param name="QueueItems">Small items (the numbers 0 to n - 1) a child puts on a queue for the parent, per queue sample.</param>
/// <param name="PipeRoundtrips">Single send-and-receive round trips through a pipe to an echoing child, per pipe sample.</param>
internal sealed record Settings(
    int Workers = 2, int Rounds = 9, int Roundtrips = 500, int CpuTasks = 8, double CpuTaskMs = 150,
    int QueueItems = 100_000, int PipeRoundtrips = 2000);
