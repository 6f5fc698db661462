using System.Buffers.Binary;

namespace Multiprocessing.Wire;

/// <summary>One message on a pipe: a 4-byte little-endian payload length, a kind byte, then the payload; <see cref="MessageKind"/> describes each kind's payload.</summary>
internal readonly record struct Frame(MessageKind Kind, byte[] Payload)
{
    const int HeaderSize = 5;

    /// <summary>Frames are small; anything larger than this means the stream is corrupt.</summary>
    public const int MaxPayload = 1 << 30;

    /// <summary>Writes one frame with a single call, so frames from several threads never interleave.</summary>
    public static void Write(Stream stream, MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, payload.Length);
        buffer[4] = (byte)kind;
        payload.CopyTo(buffer.AsSpan(HeaderSize));
        lock (stream)
        {
            stream.Write(buffer);
            stream.Flush();
        }
    }

    /// <summary>Reads the next frame, or returns null at the end of the stream.</summary>
    public static Frame? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        int got = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        if (got < HeaderSize)
            return null;
        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > MaxPayload)
            throw new InvalidDataException($"Corrupt frame: length {length}. Something other than the worker protocol wrote to the pipe.");
        var payload = new byte[length];
        if (stream.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length)
            return null;
        return new Frame((MessageKind)header[4], payload);
    }
}
