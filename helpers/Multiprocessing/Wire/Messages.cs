using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Multiprocessing.Functions;

namespace Multiprocessing.Wire;

// The messages are written and read with Utf8JsonWriter and Utf8JsonReader rather than the serializer:
// its first use costs a new process tens of milliseconds, and every worker is a new process.

/// <summary>First frame to a worker: where to find the parent's assemblies, and the pool's initializer.</summary>
internal sealed record SetupMessage(Dictionary<string, string> Assemblies, FunctionReference? Initializer)
{
    public byte[] Write() => Json.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("assemblies");
        foreach (var (name, path) in Assemblies)
            json.WriteString(name, path);
        json.WriteEndObject();
        if (Initializer is not null)
        {
            json.WritePropertyName("init");
            Json.WriteFunction(json, Initializer);
        }
        json.WriteEndObject();
    });

    public static SetupMessage Read(ReadOnlySpan<byte> payload)
    {
        var json = new Utf8JsonReader(payload);
        var assemblies = new Dictionary<string, string>();
        FunctionReference? initializer = null;
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var property = json.GetString();
            json.Read();
            if (property == "assemblies")
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    var name = json.GetString()!;
                    json.Read();
                    assemblies[name] = json.GetString()!;
                }
            else if (property == "init")
                initializer = Json.ReadFunction(ref json);
        }
        return new SetupMessage(assemblies, initializer);
    }
}

/// <summary>A failure inside a worker, with what the parent needs to raise it again.</summary>
internal sealed record ErrorMessage(long Id, string Type, string Message, string Trace)
{
    public static ErrorMessage From(long id, Exception e) =>
        new(id, e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString());

    public byte[] Write() => Json.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("id", Id);
        json.WriteString("type", Type);
        json.WriteString("message", Message);
        json.WriteString("trace", Trace);
        json.WriteEndObject();
    });

    public static ErrorMessage Read(ReadOnlySpan<byte> payload)
    {
        var fields = new Dictionary<string, string?>();
        long id = 0;
        var json = new Utf8JsonReader(payload);
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var property = json.GetString()!;
            json.Read();
            if (property == "id")
                id = json.GetInt64();
            else
                fields[property] = json.GetString();
        }
        return new ErrorMessage(id, fields.GetValueOrDefault("type") ?? "", fields.GetValueOrDefault("message") ?? "", fields.GetValueOrDefault("trace") ?? "");
    }
}

/// <summary>
/// A task for a worker: a function id (with its definition the first time this worker sees it)
/// and one or more argument lists, written once by the pool as a JSON array of arrays.
/// </summary>
internal static class CallMessage
{
    public static byte[] Write(long id, int functionId, FunctionReference? definition, byte[] items) => Json.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteNumber("fn", functionId);
        if (definition is not null)
        {
            json.WritePropertyName("def");
            Json.WriteFunction(json, definition);
        }
        json.WritePropertyName("items"); // last: reading it needs the function's parameter types
        json.WriteRawValue(items, skipInputValidation: true);
        json.WriteEndObject();
    });

    /// <summary>Reads the task id first, so a failure later can still be reported against it.</summary>
    public static long ReadId(ReadOnlySpan<byte> payload)
    {
        var json = new Utf8JsonReader(payload);
        json.Read();
        json.Read();
        json.Read();
        return json.GetInt64();
    }

    /// <summary>
    /// Reads a call up to its items, and hands them to <paramref name="run"/>: it gets the function id,
    /// its definition when sent, and the reader on the items array.
    /// </summary>
    public static void Read(ReadOnlySpan<byte> payload, ItemsReader run)
    {
        var json = new Utf8JsonReader(payload);
        int functionId = 0;
        FunctionReference? definition = null;
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var property = json.GetString();
            json.Read();
            switch (property)
            {
                case "fn": functionId = json.GetInt32(); break;
                case "def": definition = Json.ReadFunction(ref json); break;
                case "items": run(functionId, definition, ref json); return;
            }
        }
    }

    /// <summary>Receives a call's items: the reader is on the array's start.</summary>
    public delegate void ItemsReader(int functionId, FunctionReference? definition, ref Utf8JsonReader items);

    /// <summary>Writes one argument list as a one-item items array, for a <see cref="ChildProcess"/>.</summary>
    public static byte[] WriteArgumentList(object?[] args, ParameterInfo[] parameters) => Json.Write(json =>
    {
        json.WriteStartArray();
        json.WriteStartArray();
        for (int i = 0; i < args.Length; i++)
            ValueCodec.Write(json, args[i], parameters[i].ParameterType, parameters[i]);
        json.WriteEndArray();
        json.WriteEndArray();
    });

    /// <summary>Reads an items array as boxed argument lists, each value as its parameter's type.</summary>
    public static List<object?[]> ReadArgumentLists(ref Utf8JsonReader json, ParameterInfo[] parameters)
    {
        var lists = new List<object?[]>();
        while (json.Read() && json.TokenType == JsonTokenType.StartArray)
        {
            var args = new object?[parameters.Length];
            for (int i = 0; json.Read() && json.TokenType != JsonTokenType.EndArray; i++)
                args[i] = ValueCodec.Read(ref json, parameters[i].ParameterType, parameters[i]);
            lists.Add(args);
        }
        return lists;
    }
}

/// <summary>The results of one task, in input order: <c>{"id": 7, "values": [...]}</c>.</summary>
internal static class ResultMessage
{
    /// <summary>Starts a result; the caller writes the values and calls <see cref="Finish"/>.</summary>
    public static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json) Start(long id)
    {
        var (buffer, json) = Json.Start();
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteStartArray("values");
        return (buffer, json);
    }

    public static byte[] Finish(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
        return Json.Finish(buffer, json);
    }

    /// <summary>Reads the values as <typeparamref name="T"/> straight into <paramref name="into"/>, which must fit them exactly.</summary>
    public static void ReadValues<T>(ReadOnlySpan<byte> payload, Span<T> into)
    {
        var json = new Utf8JsonReader(payload);
        int count = 0;
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var property = json.GetString();
            json.Read();
            if (property != "values")
                continue;
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                into[count++] = ValueCodec.Read<T>(ref json, null);
        }
        if (count != into.Length)
            throw new InvalidDataException($"A worker sent {count} results for a task of {into.Length} items.");
    }
}

/// <summary>Small helpers shared by the messages.</summary>
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

    public static void WriteFunction(Utf8JsonWriter json, FunctionReference function)
    {
        json.WriteStartObject();
        json.WriteString("path", function.AssemblyPath);
        json.WriteNumber("token", function.MetadataToken);
        json.WriteString("name", function.DisplayName);
        json.WriteBoolean("lambda", function.NeedsLambdaInstance);
        json.WriteStartArray("generic");
        foreach (var argument in function.GenericArguments)
            json.WriteStringValue(argument);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static FunctionReference ReadFunction(ref Utf8JsonReader json)
    {
        string path = "", name = "";
        int token = 0;
        bool lambda = false;
        var generic = new List<string>();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var property = json.GetString();
            json.Read();
            switch (property)
            {
                case "path": path = json.GetString()!; break;
                case "token": token = json.GetInt32(); break;
                case "name": name = json.GetString()!; break;
                case "lambda": lambda = json.GetBoolean(); break;
                case "generic":
                    while (json.Read() && json.TokenType == JsonTokenType.String)
                        generic.Add(json.GetString()!);
                    break;
            }
        }
        return new FunctionReference(path, token, [.. generic], name, lambda);
    }
}
