namespace Multiprocessing;

/// <summary>One task (a chunk of items) as a pool ran it: which worker, how many items, and when.</summary>
/// <param name="Worker">The worker's process id (<see cref="ProcessPool"/>) or managed thread id (<see cref="ThreadWorkerPool"/>).</param>
/// <param name="Items">How many items the task held.</param>
/// <param name="Start">When the worker began the task, measured from the pool's creation.</param>
/// <param name="End">When its result was back, measured from the pool's creation.</param>
/// <param name="Failed">True when the task raised an error or its worker died.</param>
public sealed record TaskRun(int Worker, int Items, TimeSpan Start, TimeSpan End, bool Failed)
{
    /// <summary>How long the task ran.</summary>
    public TimeSpan Duration => End - Start;
}
