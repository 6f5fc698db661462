using System.Buffers;

namespace Multiprocessing.Wire;

/// <summary>
/// The buffer argument and result JSON is written into. It refuses to grow past <see cref="Limit"/>, so a value too large
/// for one frame fails while it is being written, after at most the limit was copied, instead of being sent whole and
/// read as a corrupt stream by the other side.
/// </summary>
internal sealed class LimitedBuffer : IBufferWriter<byte>
{
    /// <summary>
    /// The most JSON one task's arguments or results may take: 256 MiB, a quarter of a frame. Writing JSON runs at about
    /// 100 MB/s here, so a value past the limit fails within seconds, where a whole frame's worth took a minute and
    /// gigabytes of memory before the other side refused it. Data this large belongs in a SharedArray.
    /// </summary>
    public const int Limit = 256 << 20;

    readonly ArrayBufferWriter<byte> _buffer = new(256);

    public int WrittenCount => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>The bytes it holds room for, so a caller that reuses it can drop one grown large.</summary>
    public int Capacity => _buffer.Capacity;

    /// <summary>Empties it for the next value, keeping its memory.</summary>
    public void Reset() => _buffer.ResetWrittenCount();

    public void Advance(int count)
    {
        if ((long)_buffer.WrittenCount + count > Limit)
            throw new PayloadTooLargeException((long)_buffer.WrittenCount + count);
        _buffer.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Check(sizeHint);
        return _buffer.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Check(sizeHint);
        return _buffer.GetSpan(sizeHint);
    }

    /// <summary>A request that could not fit even if the writer used a third of it (its worst case for a string) is refused at once.</summary>
    void Check(int sizeHint)
    {
        if ((long)_buffer.WrittenCount + sizeHint / 3 > Limit)
            throw new PayloadTooLargeException((long)_buffer.WrittenCount + sizeHint / 3);
    }
}

/// <summary>JSON past <see cref="LimitedBuffer.Limit"/>; <see cref="ValueCodec"/> turns it into an error naming the value.</summary>
internal sealed class PayloadTooLargeException(long bytes)
    : Exception($"The data is at least {bytes:N0} bytes of JSON, over the {LimitedBuffer.Limit:N0}-byte limit of one message.")
{
    /// <summary>How many bytes had been written, at least, when the limit was passed.</summary>
    public long Bytes { get; } = bytes;
}
