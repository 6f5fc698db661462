using System.Buffers;
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

    public static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json) Start()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }));
    }

    public static byte[] Finish(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        json.Dispose(); // flushes
        return buffer.WrittenSpan.ToArray();
    }
}
