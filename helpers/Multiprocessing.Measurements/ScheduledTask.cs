namespace Multiprocessing.Measurements;

/// <summary>One task as <see cref="PoolSchedule"/> lays it out: which worker runs it, and when.</summary>
/// <param name="Index">The task's place in the order it was given, from 0.</param>
/// <param name="Worker">The worker that runs it, from 0.</param>
/// <param name="Start">When it starts, from the start of the map.</param>
/// <param name="End">When it ends.</param>
public sealed record ScheduledTask(int Index, int Worker, TimeSpan Start, TimeSpan End);
