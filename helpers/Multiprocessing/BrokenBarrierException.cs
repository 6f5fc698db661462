namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>threading.BrokenBarrierError</c>: a <see cref="SharedBarrier"/> is broken (aborted, a wait
/// timed out, its action threw, or a process that had it open died) or was reset while this process waited.
/// </summary>
public sealed class BrokenBarrierException : Exception
{
    internal BrokenBarrierException(string message, Exception? inner = null) : base(message, inner) { }
}
