namespace Benchmark;

/// <summary>
/// One contestant's measurement of one figure in one round. The Python server sends it as JSON,
/// e.g. <c>{"value": 1.76, "sequential_ms": 1209.7, "parallel_ms": 647.3}</c>.
/// </summary>
/// <param name="Value">The figure: milliseconds, or for cpu_speedup the sequential time / pool time.</param>
/// <param name="SequentialMs">cpu_speedup only: the sequential run.</param>
/// <param name="ParallelMs">cpu_speedup only: the pool run.</param>
/// <param name="ConstructMs">ready, .NET only: the part of it spent in the ProcessPool constructor.</param>
/// <param name="FloorMs">ready, .NET only: the floor measured right before it, two hello-world processes started at once until both exited.</param>
internal sealed record Sample(double Value, double? SequentialMs = null, double? ParallelMs = null, double? ConstructMs = null, double? FloorMs = null);
