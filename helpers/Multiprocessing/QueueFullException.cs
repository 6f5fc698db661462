namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>queue.Full</c>: <see cref="SharedQueue{T}.Put"/> with <c>block: false</c>, or with a
/// timeout, found no room for the item.
/// </summary>
public sealed class QueueFullException : Exception
{
    internal QueueFullException(string message) : base(message) { }
}
