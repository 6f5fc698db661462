using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multiprocessing.Wire;

/// <summary>
/// Writes strings as the serializer's own converter does, after refusing one longer than System.Text.Json can write
/// (<see cref="MaxLength"/>), so the error can name the limit; a string anywhere in a value (a list, a record, a
/// dictionary key) is checked, not only a string argument.
/// </summary>
internal sealed class LimitedStringConverter : JsonConverter<string>
{
    /// <summary>
    /// The longest string System.Text.Json writes: 166,666,666 characters, a billion bytes at the six bytes an escaped
    /// character may take. Longer ones fail with "The JSON value of length N is too large and not supported".
    /// </summary>
    public const int MaxLength = 1_000_000_000 / 6;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        Check(value);
        writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        Check(value);
        writer.WritePropertyName(value);
    }

    /// <exception cref="StringTooLongException">Throws for a string longer than <see cref="MaxLength"/>.</exception>
    public static void Check(string value)
    {
        if (value.Length > MaxLength)
            throw new StringTooLongException(value.Length);
    }
}
