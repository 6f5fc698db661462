namespace Multiprocessing.Sync;

/// <summary>
/// Where a queue's parts lie in its shared memory: the header (kind, maxsize), the processes that have it open, the
/// count of unfinished tasks of a joinable queue with its waiters, then the message ring.
/// </summary>
internal static unsafe class QueueLayout
{
    public const int MaxSize = 4;
    public const int Openers = SyncMemory.HeaderSize;
    public const int Unfinished = Openers + ProcessTable.Size;
    public const int UnfinishedWaiters = Unfinished + 4;
    public const int Ring = Unfinished + 64;

    public static long SizeFor(int bufferSize) => Ring + MessageRing.SizeFor(bufferSize);

    /// <summary>Lays out an empty queue in fresh shared memory.</summary>
    public static void Initialize(byte* data, int maxSize, int bufferSize)
    {
        *(int*)(data + MaxSize) = maxSize;
        MessageRing.Initialize(data + Ring, bufferSize);
    }
}
