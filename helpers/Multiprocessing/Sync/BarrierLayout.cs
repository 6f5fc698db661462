namespace Multiprocessing.Sync;

/// <summary>Where a barrier's fields lie in its shared memory; <see cref="SharedBarrier"/> describes how they are used.</summary>
internal static class BarrierLayout
{
    public const int Parties = 4;
    public const int Lock = 8; // a ProcessMutex, 16 bytes
    public const int Count = 24;
    public const int Generation = 28;
    public const int Signal = 32;
    public const int SignalWaiters = 36;
    public const int Broken = 40;
    public const int BrokenPid = 44;
    public const int EndedBroken = 48; // bit g % 64: generation g ended broken or reset
    public const int DefaultTimeoutTicks = 56;
    public const int Openers = SyncMemory.HeaderSize;
    public const int ActionLength = Openers + ProcessTable.Size;
    public const int Action = ActionLength + 4;

    public static long SizeFor(int actionBytes) => Action + actionBytes;

    /// <summary>Why a barrier is broken, kept in <see cref="Broken"/>.</summary>
    public enum Reason
    {
        None,
        Aborted,
        TimedOut,
        PartyDied,
        ActionFailed,
    }
}
