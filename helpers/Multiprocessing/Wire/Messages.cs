using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Multiprocessing.Functions;

namespace Multiprocessing.Wire;

/// <summary>First frame to a worker: where to find the parent's assemblies, and the pool's initializer.</summary>
internal sealed record SetupMessage(Dictionary<string, string> Assemblies, FunctionReference? Initializer);

/// <summary>A failure inside a worker, with what the parent needs to raise it again.</summary>
internal sealed record ErrorMessage(long Id, string Type, string Message, string Trace)
{
    public static ErrorMessage From(long id, Exception e) =>
        new(id, e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString());
}

[JsonSerializable(typeof(SetupMessage))]
[JsonSerializable(typeof(ErrorMessage))]
internal sealed partial class ProtocolJson : JsonSerializerContext;

/// <summary>
/// A task for a worker: a function id (with its definition the first time this worker sees it)
/// and one or more argument lists, already serialized. Written by hand because it is the hot path.
/// </summary>
internal static class CallMessage
{
    public static byte[] Write(long id, int functionId, FunctionReference? definition, IReadOnlyList<byte[][]> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteNumber("fn", functionId);
            if (definition is not null)
            {
                json.WritePropertyName("def");
                JsonSerializer.Serialize(json, definition, FunctionReferenceJson.Default.FunctionReference);
            }
            json.WriteStartArray("items");
            foreach (var args in items)
            {
                json.WriteStartArray();
                foreach (var arg in args)
                    json.WriteRawValue(arg, skipInputValidation: true);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static (long Id, int FunctionId, FunctionReference? Definition, JsonDocument Document) Read(ReadOnlyMemory<byte> payload)
    {
        var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var definition = root.TryGetProperty("def", out var def)
            ? def.Deserialize(FunctionReferenceJson.Default.FunctionReference)
            : null;
        return (root.GetProperty("id").GetInt64(), root.GetProperty("fn").GetInt32(), definition, document);
    }
}

/// <summary>The results of one task, in input order.</summary>
internal static class ResultMessage
{
    public static byte[] Write(long id, IReadOnlyList<byte[]> values)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteStartArray("values");
            foreach (var value in values)
                json.WriteRawValue(value, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static (long Id, JsonElement[] Values) Read(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var values = root.GetProperty("values").EnumerateArray().Select(v => v.Clone()).ToArray();
        return (root.GetProperty("id").GetInt64(), values);
    }
}

[JsonSerializable(typeof(FunctionReference))]
internal sealed partial class FunctionReferenceJson : JsonSerializerContext;
