using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>
/// Writes and reads argument and result values as JSON. Common primitives go straight through
/// <see cref="Utf8JsonWriter"/> and <see cref="Utf8JsonReader"/>: a worker that only sees them never
/// warms up the serializer's reflection, which saves tens of milliseconds at every process start.
/// Everything else goes through <see cref="JsonSerializer"/> with <see cref="WireFormat.Options"/>.
/// The parameter passed to each method names the argument in errors; null means a result.
/// </summary>
internal static class ValueCodec
{
    public static void Write(Utf8JsonWriter json, object? value, Type type, ParameterInfo? parameter)
    {
        try
        {
            WriteValue(json, value, type, parameter);
        }
        catch (PayloadTooLargeException e)
        {
            throw WireFormat.TooLarge(Describe(parameter), e.Bytes, e);
        }
        catch (StringTooLongException e)
        {
            throw WireFormat.StringTooLong(Describe(parameter), e.Length, e);
        }
    }

    static void WriteValue(Utf8JsonWriter json, object? value, Type type, ParameterInfo? parameter)
    {
        switch (value)
        {
            case null when !type.IsValueType || Nullable.GetUnderlyingType(type) is not null:
                json.WriteNullValue();
                return;
            case int i when type == typeof(int):
                json.WriteNumberValue(i);
                return;
            case long l when type == typeof(long):
                json.WriteNumberValue(l);
                return;
            case double d when type == typeof(double):
                if (double.IsFinite(d))
                    json.WriteNumberValue(d);
                else
                    json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); // "NaN", "Infinity", as the serializer writes them
                return;
            case bool b when type == typeof(bool):
                json.WriteBooleanValue(b);
                return;
            case string s when type == typeof(string):
                LimitedStringConverter.Check(s);
                try
                {
                    json.WriteStringValue(s);
                }
                catch (ArgumentException e) // invalid UTF-16, such as a lone surrogate
                {
                    throw WireFormat.CannotSend(Describe(parameter), type, e);
                }
                return;
        }
        StateCheck.CheckRuntimeType(value, type, Describe(parameter));
        try
        {
            JsonSerializer.Serialize(json, value, type, WireFormat.Options);
        }
        catch (Exception e) when (WireFormat.IsSerializerError(e))
        {
            throw WireFormat.CannotSend(Describe(parameter), type, e);
        }
    }

    /// <summary>Reads the value the reader is on, leaving the reader on its last token.</summary>
    public static object? Read(ref Utf8JsonReader json, Type type, ParameterInfo? parameter)
    {
        if (json.TokenType == JsonTokenType.Null && (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null))
            return null;
        if (type == typeof(int) && json.TokenType == JsonTokenType.Number)
            return json.GetInt32();
        if (type == typeof(long) && json.TokenType == JsonTokenType.Number)
            return json.GetInt64();
        if (type == typeof(double) && json.TokenType == JsonTokenType.Number)
            return json.GetDouble();
        if (type == typeof(bool) && json.TokenType is JsonTokenType.True or JsonTokenType.False)
            return json.GetBoolean();
        if (type == typeof(string) && json.TokenType == JsonTokenType.String)
            return json.GetString();
        try
        {
            return JsonSerializer.Deserialize(ref json, type, WireFormat.Options);
        }
        catch (Exception e) when (WireFormat.IsSerializerError(e))
        {
            throw WireFormat.CannotRebuild(Describe(parameter), type, e);
        }
    }

    /// <summary>The typed form of <see cref="Write"/>: no boxing for the common primitives.</summary>
    public static void Write<T>(Utf8JsonWriter json, T value, ParameterInfo? parameter)
    {
        if (typeof(T) == typeof(int))
            json.WriteNumberValue((int)(object)value!);
        else if (typeof(T) == typeof(long))
            json.WriteNumberValue((long)(object)value!);
        else
            Write(json, value, parameter?.ParameterType ?? typeof(T), parameter);
    }

    /// <summary>The typed form of <see cref="Read"/>: no boxing for the common primitives.</summary>
    public static T Read<T>(ref Utf8JsonReader json, ParameterInfo? parameter)
    {
        if (typeof(T) == typeof(int) && json.TokenType == JsonTokenType.Number)
            return (T)(object)json.GetInt32();
        if (typeof(T) == typeof(long) && json.TokenType == JsonTokenType.Number)
            return (T)(object)json.GetInt64();
        if (typeof(T) == typeof(double) && json.TokenType == JsonTokenType.Number)
            return (T)(object)json.GetDouble();
        return (T)Read(ref json, parameter?.ParameterType ?? typeof(T), parameter)!;
    }

    static string Describe(ParameterInfo? parameter) => parameter is null ? "The result" : $"Argument '{parameter.Name}'";
}
