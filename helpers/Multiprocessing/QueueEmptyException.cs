namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>queue.Empty</c>: <see cref="SharedQueue{T}.Get"/> with <c>block: false</c>, or with a
/// timeout, found no item.
/// </summary>
public sealed class QueueEmptyException : Exception
{
    internal QueueEmptyException(string message) : base(message) { }
}
