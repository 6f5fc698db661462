using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>
/// Items of a queue and messages of a pipe as JSON, under the rules and the 256 MiB limit of arguments and results
/// (<see cref="ValueCodec"/>, <see cref="StateCheck"/>, <see cref="LimitedBuffer"/>). Each thread reuses one small buffer
/// and writer, so a stream of small messages allocates nothing per message to write it.
/// </summary>
internal static class MessageCodec<T>
{
    /// <summary>A buffer that grew past this is not kept for the next message.</summary>
    const int KeptCapacity = 1 << 16;

    [ThreadStatic]
    static LimitedBuffer? _buffer;

    [ThreadStatic]
    static Utf8JsonWriter? _writer;

    /// <summary>Refuses, when the queue or pipe is made, an item type that could not travel or would arrive different.</summary>
    /// <exception cref="ArgumentException">Throws, naming the type, the problem and the fix.</exception>
    public static void CheckType(string what)
    {
        WireFormat.CheckCanTravel(typeof(T), what);
        StateCheck.Check(typeof(T), what);
    }

    /// <summary>The value as JSON, valid until this thread's next call.</summary>
    /// <exception cref="ArgumentException">Throws when the value cannot travel, or passes the limit of one message.</exception>
    public static ReadOnlySpan<byte> Encode(T value, string what)
    {
        var buffer = _buffer;
        var writer = _writer;
        if (buffer is null || writer is null || buffer.Capacity > KeptCapacity)
        {
            (buffer, writer) = Json.Start();
            _buffer = buffer;
            _writer = writer;
        }
        else
        {
            buffer.Reset();
            writer.Reset(buffer);
        }
        try
        {
            ValueCodec.WriteDescribed(writer, value, what);
            writer.Flush();
        }
        catch
        {
            _buffer = null; // the writer may be left mid-value
            _writer = null;
            throw;
        }
        return buffer.WrittenSpan;
    }

    /// <summary>Rebuilds a value from its JSON.</summary>
    /// <exception cref="ArgumentException">Throws when the JSON is not a <typeparamref name="T"/>.</exception>
    public static T Decode(ReadOnlySpan<byte> json, string what)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            reader.Read();
        }
        catch (JsonException e)
        {
            throw WireFormat.CannotRebuild(what, typeof(T), e);
        }
        return ValueCodec.ReadDescribed<T>(ref reader, what);
    }
}
