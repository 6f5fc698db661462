using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Multiprocessing.Wire;

/// <summary>The one set of JSON options for arguments and results on both sides of the pipe, and its error messages.</summary>
internal static class WireFormat
{
    public static readonly JsonSerializerOptions Options = new()
    {
        // Records, tuples and plain structs travel with their fields too.
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new LimitedStringConverter() },
    };

    public static bool IsSerializerError(Exception e) =>
        e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException;

    public static ArgumentException CannotSend(string what, Type type, Exception e) => new(
        $"{what} of type {type} cannot be sent to another process: {e.Message} " +
        "Arguments and results travel as JSON; use numbers, strings, arrays, lists, records or SharedArray<T>.", e);

    public static ArgumentException CannotRebuild(string what, Type type, Exception e) => new(
        $"{what} of type {type} cannot be rebuilt from JSON: {e.Message} " +
        "Give the type a public constructor whose parameters match its properties, or use a record.", e);

    /// <summary>The error for a value that would pass the limit of one message: what, how large, the limit, and the fix.</summary>
    public static ArgumentException TooLarge(string what, long bytes, Exception inner) => new(
        $"{what} is at least {bytes:N0} bytes as JSON, over the {LimitedBuffer.Limit:N0}-byte limit of one message between processes. " +
        "Put large data in a SharedArray<T>, which the other process maps instead of copying, or send it in smaller pieces " +
        "(a smaller chunksize, or several smaller items).", inner);

    /// <summary>The error for a string longer than JSON can carry: what holds it, how long, the limit, and the fix.</summary>
    public static ArgumentException StringTooLong(string what, long length, Exception inner) => new(
        $"{what} holds a string of {length:N0} characters, over the {LimitedStringConverter.MaxLength:N0}-character limit of one " +
        "string in a message between processes (the longest System.Text.Json writes). Put long text in a SharedArray<char>, " +
        "which the other process maps instead of copying, or send it in smaller pieces (several shorter strings).", inner);

    /// <summary>Refuses a type that JSON cannot carry, at the call rather than in a worker.</summary>
    public static void CheckCanTravel(Type type, string what)
    {
        if (type == typeof(void) || type.IsPrimitive || type == typeof(string))
            return;
        try
        {
            Options.GetTypeInfo(type);
        }
        catch (Exception e) when (IsSerializerError(e))
        {
            throw CannotSend(what, type, e);
        }
    }
}
