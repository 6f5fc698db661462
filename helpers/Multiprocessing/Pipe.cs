using Multiprocessing.Sync;

namespace Multiprocessing;

/// <summary>Equivalent of Python's <c>multiprocessing.Pipe()</c>: two connected <see cref="PipeConnection{T}"/>s.</summary>
public static class Pipe
{
    /// <summary>The buffer's size for each direction when none is given: 256 KiB.</summary>
    public const int DefaultBufferSize = 1 << 18;

    /// <summary>
    /// Equivalent of <c>conn1, conn2 = Pipe(duplex=True)</c>: two connections, each sending to the other. With
    /// <paramref name="duplex"/> false, the first only receives and the second only sends, as in Python.
    /// <code>
    /// var (parentConn, childConn) = Pipe.Create&lt;string&gt;();
    /// </code>
    /// </summary>
    /// <typeparam name="T">The messages' type: numbers, strings, arrays, lists, records, or anything else JSON carries whole.</typeparam>
    /// <param name="duplex">Whether both ends send and receive.</param>
    /// <param name="bufferSize">Bytes of shared memory for messages sent and not yet received, per direction, rounded up to a power of two.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="bufferSize"/> is below 4,096 or above 1 GiB.</exception>
    /// <exception cref="ArgumentException">Throws when <typeparamref name="T"/> cannot travel as JSON, or would arrive as a different value.</exception>
    public static unsafe (PipeConnection<T> First, PipeConnection<T> Second) Create<T>(bool duplex = true, int bufferSize = DefaultBufferSize)
    {
        PipeConnection<T>.CheckType();
        int capacity = MessageRing.CapacityFor(bufferSize, nameof(bufferSize));
        var first = SyncMemory.Create(SyncKind.Pipe, PipeLayout.SizeFor(duplex, capacity), data => PipeLayout.Initialize((byte*)data, duplex, capacity));
        var second = first.Share();
        return (new PipeConnection<T>(first, 0, 0), new PipeConnection<T>(second, 1, 0));
    }
}
