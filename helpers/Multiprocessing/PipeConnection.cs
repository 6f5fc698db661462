using System.Text.Json.Serialization;
using Multiprocessing.Platform;
using Multiprocessing.Sync;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.connection.Connection</c>, one end of a <see cref="Pipe"/>: messages sent
/// at one end are received at the other, in order. Pass it to a <see cref="ChildProcess"/> or a pool task as an argument;
/// messages travel as JSON under the rules and the 256 MiB limit of arguments.
/// <para>
/// Reading from a pipe whose other end is closed in every process that had it raises <see cref="EndOfStreamException"/>
/// (Python's <c>EOFError</c>) once everything sent has been read; a process that dies counts as closing its ends, within
/// 25 ms (250 ms once a wait has lasted a second). As with Python's pipes, that includes this process's own copy of the other end: close the end a child
/// uses right after starting the child, or <see cref="Recv"/> never sees the end. Sending to a pipe whose other end is
/// closed everywhere raises <see cref="IOException"/> (Python's <c>BrokenPipeError</c>).
/// </para>
/// <para>
/// Two processes may send (or receive) at the same end at once: unlike Python's, the end is locked for each message.
/// </para>
/// </summary>
/// <typeparam name="T">The messages' type.</typeparam>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public sealed class PipeConnection<T> : IDisposable, ISyncObject<PipeConnection<T>>
{
    const string TypeName = "PipeConnection";
    const string SendWhat = "The message sent through the pipe";
    const string ReceiveWhat = "A message received from the pipe";

    readonly SyncMemory _memory;
    readonly int _end;
    readonly ProcessTable _mine, _peer;
    readonly MessageRing? _inbound, _outbound;
    readonly int _entry;
    readonly Watch _watch;

    internal unsafe PipeConnection(SyncMemory memory, int end, int sentFrom)
    {
        _memory = memory;
        _end = end;
        _mine = PipeLayout.Table(memory.Data, end);
        _peer = PipeLayout.Table(memory.Data, 1 - end);
        _inbound = PipeLayout.Inbound(memory.Data, end);
        _outbound = PipeLayout.Outbound(memory.Data, end);
        _watch = new Watch(this);
        try
        {
            _entry = _mine.Open(TypeName, sentFrom);
        }
        catch
        {
            memory.Close();
            throw;
        }
        memory.OnClose(() => _mine.Close(_entry));
    }

    internal static void CheckType() => MessageCodec<T>.CheckType("A pipe message");

    static PipeConnection<T> ISyncObject<PipeConnection<T>>.Open(SyncHandle handle)
    {
        if (handle.End is not (0 or 1))
            throw new InvalidDataException($"A pipe has ends 0 and 1, not {handle.End}: the handle was changed on its way.");
        return new PipeConnection<T>(SyncMemory.Open(handle, TypeName, SyncKind.Pipe), handle.End, handle.From);
    }

    /// <summary>Counts the copy on its way to another process as open until that process opens it (or this one dies).</summary>
    SyncHandle ISyncObject.ToHandle()
    {
        using (_memory.Use(TypeName))
        {
            _mine.AddTransit(TypeName);
            return _memory.Handle("Pipe", _end, ProcessIdentity.Token);
        }
    }

    /// <summary>Equivalent of <c>readable</c>: whether this end receives (the first end of a one-way pipe, or either end of a duplex one).</summary>
    public bool Readable => _inbound is not null;

    /// <summary>Equivalent of <c>writable</c>: whether this end sends (the second end of a one-way pipe, or either end of a duplex one).</summary>
    public bool Writable => _outbound is not null;

    /// <summary>Equivalent of <c>closed</c>: whether this end was closed in this process.</summary>
    public bool Closed => _memory.IsClosed;

    /// <summary>
    /// Equivalent of <c>send(obj)</c>: sends <paramref name="value"/> to the other end. Returns once the message is in
    /// shared memory; waits while the pipe's buffer is full (a large message streams through as the other end reads it).
    /// </summary>
    /// <param name="value">The message; it travels as JSON.</param>
    /// <exception cref="ArgumentException">Throws when the value cannot travel as JSON, or passes the 256 MiB limit of one message.</exception>
    /// <exception cref="IOException">Throws when the other end is closed in every process that had it (Python's BrokenPipeError).</exception>
    /// <exception cref="NotSupportedException">Throws at the receiving end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public void Send(T value)
    {
        using var use = _memory.Use(TypeName);
        SendRaw(MessageCodec<T>.Encode(value, SendWhat));
    }

    /// <summary>Equivalent of <c>send_bytes(buffer)</c>: sends raw bytes as one message, for <see cref="RecvBytes"/> at the other end.</summary>
    /// <param name="buffer">The bytes, sent as they are.</param>
    /// <exception cref="ArgumentException">Throws when <paramref name="buffer"/> passes the 256 MiB limit of one message.</exception>
    /// <exception cref="IOException">Throws when the other end is closed in every process that had it (Python's BrokenPipeError).</exception>
    /// <exception cref="NotSupportedException">Throws at the receiving end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public void SendBytes(ReadOnlySpan<byte> buffer)
    {
        using var use = _memory.Use(TypeName);
        if (buffer.Length > LimitedBuffer.Limit)
            throw WireFormat.TooLarge("The bytes sent", buffer.Length, new PayloadTooLargeException(buffer.Length));
        SendRaw(buffer);
    }

    /// <summary>Equivalent of <c>send_bytes(buffer, offset, size)</c>: sends <paramref name="size"/> bytes from <paramref name="offset"/> (to the end when null).</summary>
    /// <param name="buffer">The bytes to send part of.</param>
    /// <param name="offset">Where the part starts.</param>
    /// <param name="size">How many bytes; null for the rest of the buffer.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="buffer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="offset"/> or <paramref name="size"/> is negative or reaches past the buffer, as Python raises ValueError.</exception>
    /// <exception cref="ArgumentException">Throws when the bytes pass the 256 MiB limit of one message.</exception>
    /// <exception cref="IOException">Throws when the other end is closed in every process that had it (Python's BrokenPipeError).</exception>
    /// <exception cref="NotSupportedException">Throws at the receiving end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public void SendBytes(byte[] buffer, int offset, int? size = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || offset > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The offset must be from 0 to the buffer's length, {buffer.Length}.");
        int count = size ?? buffer.Length - offset;
        if (count < 0 || offset + count > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The size must be from 0 to the bytes after the offset, {buffer.Length - offset}.");
        SendBytes(buffer.AsSpan(offset, count));
    }

    /// <summary>
    /// Equivalent of <c>recv()</c>: the next message from the other end, waiting until one comes.
    /// </summary>
    /// <returns>The message.</returns>
    /// <exception cref="EndOfStreamException">Throws when nothing is left to read and the other end is closed in every process that had it (Python's EOFError).</exception>
    /// <exception cref="ArgumentException">Throws when the message's JSON is not a <typeparamref name="T"/> (sent with <see cref="SendBytes(ReadOnlySpan{byte})"/>, say); the message is taken.</exception>
    /// <exception cref="NotSupportedException">Throws at the sending end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public T Recv()
    {
        using var use = _memory.Use(TypeName);
        return MessageCodec<T>.Decode(ReceiveRaw().WrittenSpan, ReceiveWhat);
    }

    /// <summary>Equivalent of <c>recv_bytes()</c>: the next message's raw bytes, waiting until one comes.</summary>
    /// <returns>The message's bytes, as sent.</returns>
    /// <exception cref="EndOfStreamException">Throws when nothing is left to read and the other end is closed in every process that had it (Python's EOFError).</exception>
    /// <exception cref="NotSupportedException">Throws at the sending end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public byte[] RecvBytes()
    {
        using var use = _memory.Use(TypeName);
        return ReceiveRaw().WrittenSpan.ToArray();
    }

    /// <summary>Equivalent of <c>poll()</c>: whether <see cref="Recv"/> would return (or raise end-of-stream) without waiting.</summary>
    /// <exception cref="NotSupportedException">Throws at the sending end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public bool Poll() => Poll(TimeSpan.Zero);

    /// <summary>
    /// Equivalent of <c>poll(timeout)</c>: waits up to <paramref name="timeout"/> for a message, or for the other end to
    /// be closed everywhere; <see cref="Timeout.InfiniteTimeSpan"/> is Python's <c>poll(None)</c>. A negative timeout is
    /// taken as zero, as Python takes it.
    /// </summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Whether <see cref="Recv"/> would return or raise without waiting.</returns>
    /// <exception cref="NotSupportedException">Throws at the sending end of a one-way pipe.</exception>
    /// <exception cref="ObjectDisposedException">Throws when this end was closed in this process.</exception>
    public bool Poll(TimeSpan timeout)
    {
        using var use = _memory.Use(TypeName);
        var inbound = _inbound ?? throw WrongWay("Poll");
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            timeout = TimeSpan.Zero;
        return inbound.WaitForMessage(Deadline.After(timeout), () =>
        {
            _memory.ThrowIfClosed(TypeName);
            return PeerGoneLately();
        });
    }

    /// <summary>
    /// Equivalent of <c>close()</c>: closes this end in this process. Once every process that had the other end's
    /// partner closes it, the other end reads end-of-stream. Safe to call more than once.
    /// </summary>
    public void Close() => _memory.Close();

    /// <summary>Equivalent of the end of <c>with</c>: <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Which end and its state, e.g. <c>PipeConnection(end=0, duplex, open)</c>.</summary>
    public override string ToString() =>
        $"{TypeName}(end={_end}, {(Readable && Writable ? "duplex" : Readable ? "receives" : "sends")}, {(Closed ? "closed" : "open")})";

    void SendRaw(ReadOnlySpan<byte> message)
    {
        var outbound = _outbound ?? throw WrongWay("Send");
        // The other end closed everywhere, counted without asking the system which processes run: Python raises at once too.
        if (_peer.CountedOpen == 0)
            throw BrokenPipe(0);
        outbound.Write(message, Deadline.Never, 0, _watch);
    }

    System.Buffers.ArrayBufferWriter<byte> ReceiveRaw()
    {
        var inbound = _inbound ?? throw WrongWay("Recv");
        var buffer = ReceiveBuffer.Take();
        // The other end closed everywhere, and nothing left: end of stream at once, as Python reads it. The count goes
        // first: a sender publishes its messages before it closes.
        if (_peer.CountedOpen == 0 && inbound.Messages == 0)
            throw EndOfStream(0);
        inbound.Read(buffer, Deadline.Never, _watch);
        return buffer;
    }

    /// <summary>
    /// <see cref="PeerGone"/> at most once a <see cref="MessageRing.WatchPeriod"/>, so a loop of <c>Poll()</c> does not ask the
    /// system about every process each time; a closed end is seen at once from the count.
    /// </summary>
    bool PeerGoneLately()
    {
        if (_peer.CountedOpen == 0)
            return true;
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _peerCheckedAt), now) < MessageRing.WatchPeriod)
            return false;
        Volatile.Write(ref _peerCheckedAt, now);
        return PeerGone() is not null;
    }

    long _peerCheckedAt = long.MinValue / 2;

    /// <summary>An exception when the other end is closed, or gone with every process that had it; else null. Reaps the dead, as the kernel closes a dead process's pipes.</summary>
    Exception? PeerGone()
    {
        var peer = _peer.Count(0, reapDead: true);
        return peer.Live == 0 ? EndOfStream(peer.DeadPid) : null;
    }

    static EndOfStreamException EndOfStream(int deadPid) => new(
        "The other end of this pipe is closed in every process that had it, and everything it sent has been read" +
        (deadPid != 0 ? $" (process {deadPid}, which had it, ended without closing it: killed, or crashed)." : "."));

    static IOException BrokenPipe(int deadPid) => new(
        "Broken pipe: the other end of this pipe is closed in every process that had it, so nothing would read this message" +
        (deadPid != 0 ? $" (process {deadPid}, which had it, ended without closing it: killed, or crashed)." : "."));

    NotSupportedException WrongWay(string call) => new(
        $"{call}() cannot be used here: this end of a one-way pipe only {(Readable ? "receives" : "sends")}. " +
        "Pipe.Create(duplex: false) returns the receiving end first and the sending end second.");

    sealed class Watch(PipeConnection<T> connection) : IRingWatch
    {
        public Exception? WhileWaitingForRoom()
        {
            connection._memory.ThrowIfClosed(TypeName);
            var peer = connection._peer.Count(0, reapDead: true);
            return peer.Live == 0 ? BrokenPipe(peer.DeadPid) : null;
        }

        public Exception? WhileWaitingForData()
        {
            connection._memory.ThrowIfClosed(TypeName);
            return connection.PeerGone();
        }
    }
}
