using System.Buffers;

namespace Multiprocessing.Sync;

/// <summary>One buffer per thread that messages are copied into from shared memory; one grown past 64 KiB is not kept.</summary>
internal static class ReceiveBuffer
{
    const int KeptCapacity = 1 << 16;

    [ThreadStatic]
    static ArrayBufferWriter<byte>? _buffer;

    /// <summary>This thread's buffer, emptied.</summary>
    public static ArrayBufferWriter<byte> Take()
    {
        var buffer = _buffer;
        if (buffer is null || buffer.Capacity > KeptCapacity)
            _buffer = buffer = new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
