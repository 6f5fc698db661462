using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multiprocessing.Wire;

/// <summary>The one set of JSON options used for arguments and results on both sides of the pipe.</summary>
internal static class WireFormat
{
    public static readonly JsonSerializerOptions Options = new()
    {
        // Records, tuples and plain structs travel with their fields too.
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Serializes a value as its declared type, with a message that says which value could not travel.</summary>
    public static byte[] Serialize(object? value, Type type, string what)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, type, Options);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            throw new ArgumentException(
                $"{what} of type {type} cannot be sent to another process: {e.Message} " +
                "Arguments and results travel as JSON; use numbers, strings, arrays, lists, records or SharedArray<T>.", e);
        }
    }

    public static object? Deserialize(JsonElement json, Type type, string what)
    {
        try
        {
            return json.Deserialize(type, Options);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            throw new ArgumentException(
                $"{what} of type {type} cannot be rebuilt from JSON: {e.Message} " +
                "Give the type a public constructor whose parameters match its properties, or use a record.", e);
        }
    }
}
