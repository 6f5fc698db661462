namespace Multiprocessing.Sync;

/// <summary>
/// Where a pipe's parts lie in its shared memory: the header (kind, duplex), one <see cref="ProcessTable"/> per end
/// (the processes that have that connection open), then the rings: ring 0 carries what end 1 sends to end 0, and, for a
/// duplex pipe, ring 1 carries what end 0 sends to end 1.
/// </summary>
internal static unsafe class PipeLayout
{
    public const int Duplex = 4;
    public const int RingCapacity = 8;
    const int Tables = SyncMemory.HeaderSize;
    const int Rings = Tables + 2 * ProcessTable.Size;

    public static long SizeFor(bool duplex, int capacity) => Rings + (duplex ? 2 : 1) * MessageRing.SizeFor(capacity);

    public static void Initialize(byte* data, bool duplex, int capacity)
    {
        *(int*)(data + Duplex) = duplex ? 1 : 0;
        *(int*)(data + RingCapacity) = capacity;
        MessageRing.Initialize(data + Rings, capacity);
        if (duplex)
            MessageRing.Initialize(data + Rings + MessageRing.SizeFor(capacity), capacity);
    }

    /// <summary>The table of the processes that have end <paramref name="end"/> open.</summary>
    public static ProcessTable Table(byte* data, int end) => new(data + Tables + end * ProcessTable.Size);

    /// <summary>The ring end <paramref name="end"/> reads, or null for the sending end of a one-way pipe.</summary>
    public static MessageRing? Inbound(byte* data, int end)
    {
        bool duplex = *(int*)(data + Duplex) != 0;
        return end == 0 ? Ring(data, 0) : duplex ? Ring(data, 1) : null;
    }

    /// <summary>The ring end <paramref name="end"/> writes, or null for the receiving end of a one-way pipe.</summary>
    public static MessageRing? Outbound(byte* data, int end)
    {
        bool duplex = *(int*)(data + Duplex) != 0;
        return end == 1 ? Ring(data, 0) : duplex ? Ring(data, 1) : null;
    }

    static MessageRing Ring(byte* data, int index) =>
        new(data + Rings + index * MessageRing.SizeFor(*(int*)(data + RingCapacity)));
}
