using System.Buffers;
using System.Numerics;

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

    /// <summary>Rounds a buffer size up to the power of two a ring needs, and checks it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="bufferSize"/> is below 4,096 or above 1 GiB.</exception>
    public static int RingCapacity(int bufferSize, string parameter)
    {
        if (bufferSize < MessageRing.MinCapacity || bufferSize > MessageRing.MaxCapacity)
            throw new ArgumentOutOfRangeException(parameter, bufferSize,
                $"The buffer size must be from {MessageRing.MinCapacity:N0} to {MessageRing.MaxCapacity:N0} bytes.");
        return (int)BitOperations.RoundUpToPowerOf2((uint)bufferSize);
    }
}
