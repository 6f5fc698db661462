using System.Buffers;
using System.Diagnostics;
using Multiprocessing.Wire;

namespace Multiprocessing.Sync;

/// <summary>
/// A stream of messages in shared memory, from any number of writing processes to any number of reading ones: the byte
/// ring under <see cref="SharedQueue{T}"/> and each direction of a <see cref="PipeConnection{T}"/>.
/// <para>
/// Layout: a 256-byte control area, then the ring of <see cref="Capacity"/> bytes (a power of two). Each record is a
/// 4-byte header (a chunk's length, and a flag when more chunks of the same message follow), then the chunk, padded to 4
/// bytes. A message longer than a quarter of the ring streams through in chunks, so one of 256 MiB passes a ring of 1 MiB.
/// </para>
/// <para>
/// Writers take the write lock, copy a record in, and publish it by advancing <c>Tail</c>; readers take the read lock,
/// copy a record out, and free its room by advancing <c>Head</c>. Each of the two words packs the byte position (low 32
/// bits), the count of whole messages (31 bits) and a "in the middle of a message" bit, so one atomic store publishes a
/// chunk, counts its message and records where the stream stands. That is what makes death safe: a writer that dies
/// mid-message leaves the bit set, and the next writer first writes an abort record, which tells readers to drop the
/// part they have; a reader that dies mid-message leaves the bit set on <c>Head</c>, and the next reader drops the rest
/// of that message. A single-record message is published or not, never half.
/// </para>
/// </summary>
internal sealed unsafe class MessageRing
{
    /// <summary>Bytes before the ring itself.</summary>
    public const int ControlSize = 256;

    /// <summary>The smallest ring; a quarter of it is the largest chunk.</summary>
    public const int MinCapacity = 4096;

    /// <summary>The largest ring: positions are 32-bit and must wrap on a multiple of the capacity.</summary>
    public const int MaxCapacity = 1 << 30;

    /// <summary>The longest a waiting reader or writer sleeps at once: it then looks again, and at the other processes when <see cref="WatchClock"/> says.</summary>
    public static TimeSpan WatchPeriod => WatchClock.Fast;

    const long PositionMask = 0xFFFF_FFFF;
    const int CountShift = 32;
    const long CountMask = 0x7FFF_FFFF;
    const long MidMessage = long.MinValue; // bit 63
    const int MoreFlag = int.MinValue; // bit 31 of a record header
    const int LengthMask = int.MaxValue;
    const int Abort = int.MaxValue; // a header no chunk has: chunks are at most a quarter of the ring

    readonly byte* _control;
    readonly byte* _data;
    readonly int _mask;

    public MessageRing(byte* at)
    {
        _control = at;
        _data = at + ControlSize;
        Capacity = *(int*)(at + 136);
        _mask = Capacity - 1;
        MaxChunk = Capacity / 4 - 4;
    }

    /// <summary>Bytes <see cref="Initialize"/> lays out for a ring of <paramref name="capacity"/> bytes.</summary>
    public static long SizeFor(int capacity) => ControlSize + (long)capacity;

    /// <summary>Writes an empty ring's control area at <paramref name="at"/>, in fresh (zeroed) shared memory.</summary>
    public static void Initialize(byte* at, int capacity)
    {
        Debug.Assert(IsValidCapacity(capacity));
        *(int*)(at + 136) = capacity;
    }

    /// <summary>A queue's or pipe's <c>bufferSize</c> as a ring's capacity: checked, and rounded up to a power of two.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="bufferSize"/> is below 4,096 or above 1 GiB.</exception>
    public static int CapacityFor(int bufferSize, string parameter)
    {
        if (bufferSize < MinCapacity || bufferSize > MaxCapacity)
            throw new ArgumentOutOfRangeException(parameter, bufferSize, $"The buffer size must be from {MinCapacity:N0} to {MaxCapacity:N0} bytes.");
        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)bufferSize);
    }

    public static bool IsValidCapacity(int capacity) => capacity is >= MinCapacity and <= MaxCapacity && (capacity & (capacity - 1)) == 0;

    /// <summary>The ring's size in bytes.</summary>
    public int Capacity { get; }

    /// <summary>The largest chunk one record carries.</summary>
    int MaxChunk { get; }

    long* Tail => (long*)_control;
    long* Head => (long*)(_control + 64);
    int* TailLow => (int*)Tail; // the position's word, which every publish changes: what waiters sleep on
    int* HeadLow => (int*)Head;
    int* TailWaiters => (int*)(_control + 128);
    int* HeadWaiters => (int*)(_control + 132);
    ProcessMutex WriteLock => new(_control + 160);
    ProcessMutex ReadLock => new(_control + 176);

    static long Position(long word) => word & PositionMask;
    static long Count(long word) => (word >> CountShift) & CountMask;
    static bool InMessage(long word) => (word & MidMessage) != 0;
    static int RecordSize(int length) => 4 + ((length + 3) & ~3);

    static long Advance(long word, int bytes, bool countsMessage, bool midMessage) =>
        ((Position(word) + bytes) & PositionMask)
        | (((Count(word) + (countsMessage ? 1 : 0)) & CountMask) << CountShift)
        | (midMessage ? MidMessage : 0);

    /// <summary>For tests: whether a writer is in the middle of a message, and a reader in the middle of taking one.</summary>
    internal bool WriterInMessage => InMessage(Volatile.Read(ref *Tail));

    internal bool ReaderInMessage => InMessage(Volatile.Read(ref *Head));

    /// <summary>For tests: the identity tokens of the processes holding the write and read locks, or 0.</summary>
    internal int WriteLockHolder => WriteLock.HolderToken;

    internal int ReadLockHolder => ReadLock.HolderToken;

    /// <summary>For tests: the pids that last took the write and read locks.</summary>
    internal int WriteLockHolderPid => WriteLock.HolderPid;

    internal int ReadLockHolderPid => ReadLock.HolderPid;

    /// <summary>Whole messages written and not yet taken (Python's <c>qsize()</c>); a snapshot.</summary>
    public int Messages
    {
        get
        {
            long head = Volatile.Read(ref *Head); // first: Head never passes the Tail read after it
            return (int)((Count(Volatile.Read(ref *Tail)) - Count(head)) & CountMask);
        }
    }

    /// <summary>
    /// Writes one message. Waits until <paramref name="deadline"/> for the write lock, for fewer than
    /// <paramref name="maxMessages"/> messages (0: no limit) and for room for its first chunk; once the first chunk is in,
    /// the rest streams however long the readers take. Returns false when it could not start in time.
    /// </summary>
    /// <exception cref="Exception">What <paramref name="watch"/> returns, when nothing will ever read and there is still no room.</exception>
    public bool Write(ReadOnlySpan<byte> message, Deadline deadline, int maxMessages, IRingWatch watch)
    {
        var outcome = WriteLock.Acquire(deadline, out _);
        if (outcome is LockOutcome.TimedOut or LockOutcome.HolderWaits)
            return false;
        try
        {
            // A writer that died or gave up in the middle of a message: tell the readers to drop what they have of it.
            if (InMessage(Volatile.Read(ref *Tail)))
            {
                if (!WaitForRoom(4, 0, deadline, watch))
                    return false;
                Publish(Abort, [], countsMessage: false, midMessage: false);
            }
            int first = Math.Min(message.Length, MaxChunk);
            if (!WaitForRoom(RecordSize(first), maxMessages, deadline, watch))
                return false;
            for (int sent = 0; ;)
            {
                int length = Math.Min(message.Length - sent, MaxChunk);
                bool last = sent + length == message.Length;
                if (sent > 0)
                    WaitForRoom(RecordSize(length), 0, Deadline.Never, watch);
                Publish(last ? length : length | MoreFlag, message.Slice(sent, length), countsMessage: last, midMessage: !last);
                sent += length;
                if (last)
                    return true;
            }
        }
        finally
        {
            WriteLock.Release();
        }
    }

    /// <summary>
    /// Reads one message into <paramref name="into"/> (which it clears first). Waits until <paramref name="deadline"/>
    /// for the read lock and for a message to start; once one has started, waits for its end however long its writer
    /// takes, and drops it if its writer dies or gives up. Returns false when no message started in time.
    /// </summary>
    /// <exception cref="Exception">What <paramref name="watch"/> returns, when nothing will ever write and there is still no data.</exception>
    /// <exception cref="InvalidDataException">Throws when the ring holds something this library did not write.</exception>
    public bool Read(ArrayBufferWriter<byte> into, Deadline deadline, IRingWatch watch)
    {
        into.ResetWrittenCount();
        var outcome = ReadLock.Acquire(deadline, out _);
        if (outcome is LockOutcome.TimedOut or LockOutcome.HolderWaits)
            return false;
        try
        {
            long head = Volatile.Read(ref *Head);
            // A reader that died in the middle of a message: it took that message; drop the rest of it.
            bool discarding = InMessage(head), inMessage = discarding;
            while (true)
            {
                long tail = Volatile.Read(ref *Tail);
                if (Position(tail) == Position(head))
                {
                    if (!inMessage)
                    {
                        if (deadline.Passed)
                            return false;
                        WaitForData(head, deadline, watch);
                    }
                    else if (WriterGaveUp(tail))
                    {
                        into.ResetWrittenCount();
                        inMessage = discarding = false;
                    }
                    else
                    {
                        var watchClock = Stopwatch.GetTimestamp();
                        while (Volatile.Read(ref *TailLow) == (int)head && Stopwatch.GetElapsedTime(watchClock) < WatchPeriod)
                            SharedWord.WaitForChange(TailLow, (int)head, TailWaiters, WatchPeriod);
                    }
                    head = Volatile.Read(ref *Head);
                    continue;
                }
                int header = *(int*)(_data + (Position(head) & _mask));
                if (header == Abort)
                {
                    head = Consume(head, 4, countsMessage: false, midMessage: false);
                    into.ResetWrittenCount();
                    inMessage = discarding = false;
                    continue;
                }
                int length = header & LengthMask;
                bool more = header < 0;
                if (length > MaxChunk || ((Position(tail) - Position(head)) & PositionMask) < RecordSize(length))
                    throw new InvalidDataException("A message stream in shared memory holds a record this library did not write: the memory was changed by something else.");
                if (!discarding)
                {
                    if ((long)into.WrittenCount + length > LimitedBuffer.Limit)
                        throw new InvalidDataException($"A message in shared memory is longer than the {LimitedBuffer.Limit:N0}-byte limit of one message: the memory was changed by something else.");
                    CopyOut(Position(head) + 4, into.GetSpan(length)[..length]);
                    into.Advance(length);
                }
                head = Consume(head, RecordSize(length), countsMessage: !more, midMessage: more);
                inMessage = more;
                if (!more)
                {
                    if (!discarding)
                        return true;
                    discarding = false;
                    into.ResetWrittenCount();
                }
            }
        }
        finally
        {
            ReadLock.Release();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="deadline"/> for a whole message to be there, without taking it (a pipe's <c>poll()</c>).
    /// Returns true also when <paramref name="noMoreWriters"/>, asked every <see cref="WatchPeriod"/>, says nothing will
    /// ever come: then a read would not wait either.
    /// </summary>
    public bool WaitForMessage(Deadline deadline, Func<bool> noMoreWriters)
    {
        var watchClock = WatchClock.Start();
        bool first = true;
        while (true)
        {
            int seen = Volatile.Read(ref *TailLow);
            if (Messages > 0)
                return true;
            if (first || watchClock.Due() || deadline.Passed)
            {
                if (noMoreWriters())
                    return true;
                first = false;
            }
            if (deadline.Passed)
                return false;
            SharedWord.WaitForChange(TailLow, seen, TailWaiters, deadline.Left(WatchPeriod));
        }
    }

    /// <summary>
    /// The writer of the message being read is gone: it left the mid-message bit on <c>Tail</c> and no process that runs
    /// holds the write lock. <c>Tail</c> is read again after the lock, because a writer publishes its last chunk before
    /// it releases the lock: a stale <paramref name="tail"/> must not pass for an abandoned message.
    /// </summary>
    bool WriterGaveUp(long tail) =>
        InMessage(tail) && WriteLock.IsFreeOrAbandoned() && Volatile.Read(ref *Tail) == tail;

    /// <summary>Waits, holding the write lock, until a record of <paramref name="bytes"/> fits and fewer than <paramref name="maxMessages"/> are queued.</summary>
    bool WaitForRoom(int bytes, int maxMessages, Deadline deadline, IRingWatch watch)
    {
        long tail = *Tail; // this writer holds the write lock: nobody else moves it
        var watchClock = WatchClock.Start();
        while (true)
        {
            long head = Volatile.Read(ref *Head);
            bool room = Capacity - ((Position(tail) - Position(head)) & PositionMask) >= bytes;
            bool slot = maxMessages <= 0 || ((Count(tail) - Count(head)) & CountMask) < maxMessages;
            if (room && slot)
                return true;
            if (deadline.Passed)
                return false;
            if (watchClock.Due())
            {
                // The watch looks at other processes first; room they made before they went still counts.
                if (watch.WhileWaitingForRoom() is { } problem && head == Volatile.Read(ref *Head))
                    throw problem;
                continue;
            }
            Volatile.Write(ref *WriteLock.HolderWaits, 1);
            try
            {
                SharedWord.WaitForChange(HeadLow, (int)head, HeadWaiters, deadline.Left(WatchPeriod));
            }
            finally
            {
                Volatile.Write(ref *WriteLock.HolderWaits, 0);
            }
        }
    }

    /// <summary>Waits, holding the read lock, for <c>Tail</c> to move past <paramref name="head"/>, or for the deadline; the caller looks again.</summary>
    void WaitForData(long head, Deadline deadline, IRingWatch watch)
    {
        var watchClock = WatchClock.Start();
        Volatile.Write(ref *ReadLock.HolderWaits, 1);
        try
        {
            while (Position(Volatile.Read(ref *Tail)) == Position(head) && !deadline.Passed)
            {
                if (watchClock.Due())
                {
                    // The watch looks at other processes first; a message they sent before they went is still read.
                    if (watch.WhileWaitingForData() is { } problem && Position(Volatile.Read(ref *Tail)) == Position(head))
                        throw problem;
                    continue;
                }
                SharedWord.WaitForChange(TailLow, (int)head, TailWaiters, deadline.Left(WatchPeriod));
            }
        }
        finally
        {
            Volatile.Write(ref *ReadLock.HolderWaits, 0);
        }
    }

    void Publish(int header, ReadOnlySpan<byte> chunk, bool countsMessage, bool midMessage)
    {
        long tail = *Tail;
        *(int*)(_data + (Position(tail) & _mask)) = header;
        CopyIn(Position(tail) + 4, chunk);
        Interlocked.Exchange(ref *Tail, Advance(tail, RecordSize(chunk.Length), countsMessage, midMessage));
        SharedWord.WakeAll(TailLow, TailWaiters);
    }

    long Consume(long head, int bytes, bool countsMessage, bool midMessage)
    {
        long next = Advance(head, bytes, countsMessage, midMessage);
        Interlocked.Exchange(ref *Head, next);
        SharedWord.WakeAll(HeadLow, HeadWaiters);
        return next;
    }

    void CopyIn(long position, ReadOnlySpan<byte> source)
    {
        int at = (int)(position & _mask), first = Math.Min(source.Length, Capacity - at);
        source[..first].CopyTo(new Span<byte>(_data + at, first));
        source[first..].CopyTo(new Span<byte>(_data, source.Length - first));
    }

    void CopyOut(long position, Span<byte> destination)
    {
        int at = (int)(position & _mask), first = Math.Min(destination.Length, Capacity - at);
        new ReadOnlySpan<byte>(_data + at, first).CopyTo(destination);
        new ReadOnlySpan<byte>(_data, destination.Length - first).CopyTo(destination[first..]);
    }
}

/// <summary>
/// What a waiting ring operation asks the object it belongs to, when <see cref="WatchClock"/> says: whether
/// waiting still makes sense. It may throw at once (the handle was closed), or return the exception the ring throws if,
/// looking again after the answer, it is still stuck.
/// </summary>
internal interface IRingWatch
{
    /// <summary>A writer waits for room or a free slot: an <see cref="IOException"/> when no process will ever read, else null.</summary>
    Exception? WhileWaitingForRoom();

    /// <summary>A reader waits for a message: an <see cref="EndOfStreamException"/> when no process will ever write, else null.</summary>
    Exception? WhileWaitingForData();
}
