using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>
/// Writes and reads argument and result values as JSON. Common primitives go straight through
/// <see cref="Utf8JsonWriter"/> and <see cref="Utf8JsonReader"/>: a worker that only sees them never
/// warms up the serializer's reflection, which saves tens of milliseconds at every process start.
/// Everything else goes through <see cref="JsonSerializer"/> with <see cref="WireFormat.Options"/>.
/// The parameter passed to each method names the argument in errors; null means a result. The overloads that take a
/// description instead serve values that are neither (an item put on a queue, a message sent through a pipe).
/// </summary>
internal static class ValueCodec
{
    public static void Write(Utf8JsonWriter json, object? value, Type type, ParameterInfo? parameter) =>
        WriteDescribed(json, value, type, Describe(parameter));

    /// <summary>Writes a value that <paramref name="what"/> names in errors, such as "The item put on the queue".</summary>
    public static void WriteDescribed(Utf8JsonWriter json, object? value, Type type, string what)
    {
        try
        {
            WriteValue(json, value, type, what);
        }
        catch (PayloadTooLargeException e)
        {
            throw WireFormat.TooLarge(what, e.Bytes, e);
        }
        catch (StringTooLongException e)
        {
            throw WireFormat.StringTooLong(what, e.Length, e);
        }
    }

    static void WriteValue(Utf8JsonWriter json, object? value, Type type, string what)
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
                    throw WireFormat.CannotSend(what, type, e);
                }
                return;
        }
        StateCheck.CheckRuntimeType(value, type, what);
        try
        {
            JsonSerializer.Serialize(json, value, type, WireFormat.Options);
        }
        catch (Exception e) when (WireFormat.IsSerializerError(e))
        {
            throw WireFormat.CannotSend(what, type, e);
        }
    }

    /// <summary>Reads the value the reader is on, leaving the reader on its last token.</summary>
    public static object? Read(ref Utf8JsonReader json, Type type, ParameterInfo? parameter) => ReadDescribed(ref json, type, Describe(parameter));

    /// <summary>Reads a value that <paramref name="what"/> names in errors.</summary>
    public static object? ReadDescribed(ref Utf8JsonReader json, Type type, string what)
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
            throw WireFormat.CannotRebuild(what, type, e);
        }
    }

    /// <summary>The typed form of <see cref="Write(Utf8JsonWriter, object?, Type, ParameterInfo?)"/>: no boxing for the common primitives.</summary>
    public static void Write<T>(Utf8JsonWriter json, T value, ParameterInfo? parameter)
    {
        if (typeof(T) == typeof(int))
            json.WriteNumberValue((int)(object)value!);
        else if (typeof(T) == typeof(long))
            json.WriteNumberValue((long)(object)value!);
        else
            Write(json, value, parameter?.ParameterType ?? typeof(T), parameter);
    }

    /// <summary>The typed form of <see cref="WriteDescribed(Utf8JsonWriter, object?, Type, string)"/>.</summary>
    public static void WriteDescribed<T>(Utf8JsonWriter json, T value, string what)
    {
        if (typeof(T) == typeof(int))
            json.WriteNumberValue((int)(object)value!);
        else if (typeof(T) == typeof(long))
            json.WriteNumberValue((long)(object)value!);
        else
            WriteDescribed(json, value, typeof(T), what);
    }

    /// <summary>The typed form of <see cref="Read(ref Utf8JsonReader, Type, ParameterInfo?)"/>: no boxing for the common primitives.</summary>
    public static T Read<T>(ref Utf8JsonReader json, ParameterInfo? parameter) =>
        TryReadPrimitive(ref json, out T value) ? value : (T)Read(ref json, parameter?.ParameterType ?? typeof(T), parameter)!;

    /// <summary>The typed form of <see cref="ReadDescribed(ref Utf8JsonReader, Type, string)"/>.</summary>
    public static T ReadDescribed<T>(ref Utf8JsonReader json, string what) =>
        TryReadPrimitive(ref json, out T value) ? value : (T)ReadDescribed(ref json, typeof(T), what)!;

    static bool TryReadPrimitive<T>(ref Utf8JsonReader json, out T value)
    {
        value = default!;
        if (json.TokenType != JsonTokenType.Number)
            return false;
        if (typeof(T) == typeof(int))
            value = (T)(object)json.GetInt32();
        else if (typeof(T) == typeof(long))
            value = (T)(object)json.GetInt64();
        else if (typeof(T) == typeof(double))
            value = (T)(object)json.GetDouble();
        else
            return false;
        return true;
    }

    static string Describe(ParameterInfo? parameter) => parameter is null ? "The result" : $"Argument '{parameter.Name}'";
}
