using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>Writes UTF-8 JSON into a byte array: the values inside messages, and a worker's runtimeconfig.</summary>
internal static class Json
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var (buffer, json) = Start();
        write(json);
        return Finish(buffer, json);
    }

    /// <summary>A writer over a buffer that refuses to pass <see cref="LimitedBuffer.Limit"/>.</summary>
    public static (LimitedBuffer Buffer, Utf8JsonWriter Json) Start()
    {
        var buffer = new LimitedBuffer();
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }));
    }

    public static byte[] Finish(LimitedBuffer buffer, Utf8JsonWriter json)
    {
        json.Dispose(); // flushes
        return buffer.WrittenSpan.ToArray();
    }
}
