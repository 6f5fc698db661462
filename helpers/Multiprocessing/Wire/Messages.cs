using System.Buffers;
using System.Buffers.Binary;
using System.Reflection;
using System.Text.Json;
using Multiprocessing.Functions;

namespace Multiprocessing.Wire;

// The envelopes are binary (BinaryWriter/BinaryReader); only argument and result values are JSON.
// A new process pays about ten milliseconds the first time System.Text.Json reads or writes a
// property name or a string, and every worker is a new process.

/// <summary>First frame to a worker: where to find the parent's assemblies, and the pool's initializer.</summary>
internal sealed record SetupMessage(Dictionary<string, string> Assemblies, FunctionReference? Initializer)
{
    public byte[] Write() => Binary.Write(writer =>
    {
        writer.Write(Assemblies.Count);
        foreach (var (name, path) in Assemblies)
        {
            writer.Write(name);
            writer.Write(path);
        }
        Binary.WriteFunction(writer, Initializer);
    });

    public static SetupMessage Read(byte[] payload)
    {
        using var reader = Binary.Reader(payload);
        var assemblies = new Dictionary<string, string>();
        for (int count = reader.ReadInt32(); count > 0; count--)
            assemblies[reader.ReadString()] = reader.ReadString();
        return new SetupMessage(assemblies, Binary.ReadFunction(reader));
    }
}

/// <summary>A failure inside a worker, with what the parent needs to raise it again.</summary>
internal sealed record ErrorMessage(long Id, string Type, string Message, string Trace)
{
    public static ErrorMessage From(long id, Exception e) =>
        new(id, e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString());

    public byte[] Write() => Binary.Write(writer =>
    {
        writer.Write(Id);
        writer.Write(Type);
        writer.Write(Message);
        writer.Write(Trace);
    });

    public static ErrorMessage Read(byte[] payload)
    {
        using var reader = Binary.Reader(payload);
        return new ErrorMessage(reader.ReadInt64(), reader.ReadString(), reader.ReadString(), reader.ReadString());
    }
}

/// <summary>
/// A task for a worker: its id, a function id (with the definition the first time this worker sees it),
/// then the argument lists, written once by the pool as a JSON array of arrays, to the end of the frame.
/// </summary>
internal static class CallMessage
{
    public static byte[] Write(long id, int functionId, FunctionReference? definition, byte[] items) => Binary.Write(writer =>
    {
        writer.Write(id);
        writer.Write(functionId);
        Binary.WriteFunction(writer, definition);
        writer.Write(items);
    });

    /// <summary>Reads the task id first, so a failure later can still be reported against it.</summary>
    public static long ReadId(byte[] payload) => BinaryPrimitives.ReadInt64LittleEndian(payload);

    /// <summary>
    /// Reads a call and hands its items to <paramref name="run"/>: it gets the function id,
    /// its definition when sent, and a JSON reader on the start of the items array.
    /// </summary>
    public static void Read(byte[] payload, ItemsReader run)
    {
        int functionId, itemsStart;
        FunctionReference? definition;
        using (var reader = Binary.Reader(payload))
        {
            reader.ReadInt64();
            functionId = reader.ReadInt32();
            definition = Binary.ReadFunction(reader);
            itemsStart = (int)reader.BaseStream.Position;
        }
        var json = new Utf8JsonReader(payload.AsSpan(itemsStart));
        json.Read();
        run(functionId, definition, ref json);
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

    /// <summary>
    /// Rebuilds argument lists in this process, so a type that serializes but cannot be rebuilt
    /// fails at the call, not in a worker. Shared memory is skipped: opening it here would map it twice.
    /// </summary>
    public static void CheckRoundTrip(byte[] items, ParameterInfo[] parameters)
    {
        if (items.AsSpan().IndexOf(Shared.SharedMemoryJsonConverter.QuotedMarker) >= 0)
            return;
        var json = new Utf8JsonReader(items);
        json.Read();
        ReadArgumentLists(ref json, parameters);
    }

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

/// <summary>The results of one task, in input order: the task id, then a JSON array of values to the end of the frame.</summary>
internal static class ResultMessage
{
    /// <summary>Starts a result; the caller writes the values and calls <see cref="Finish"/>.</summary>
    public static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json) Start(long id)
    {
        var (buffer, json) = Json.Start();
        // The writer has not touched the buffer yet, so the id goes first.
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(sizeof(long)), id);
        buffer.Advance(sizeof(long));
        json.WriteStartArray();
        return (buffer, json);
    }

    public static byte[] Finish(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        json.WriteEndArray();
        return Json.Finish(buffer, json);
    }

    /// <summary>Reads the values as <typeparamref name="T"/> straight into <paramref name="into"/>, which must fit them exactly.</summary>
    public static void ReadValues<T>(byte[] payload, Span<T> into)
    {
        var json = new Utf8JsonReader(payload.AsSpan(sizeof(long)));
        json.Read();
        int count = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (count == into.Length)
                throw new InvalidDataException($"A worker sent more than {into.Length} results for a task of {into.Length} items.");
            into[count++] = ValueCodec.Read<T>(ref json, null);
        }
        if (count != into.Length)
            throw new InvalidDataException($"A worker sent {count} results for a task of {into.Length} items.");
    }
}

/// <summary>The binary side of the envelopes.</summary>
internal static class Binary
{
    public static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            write(writer);
        return stream.ToArray();
    }

    public static BinaryReader Reader(byte[] payload) => new(new MemoryStream(payload, writable: false));

    /// <summary>A presence flag, then the reference's fields.</summary>
    public static void WriteFunction(BinaryWriter writer, FunctionReference? function)
    {
        writer.Write(function is not null);
        if (function is null)
            return;
        writer.Write(function.AssemblyPath);
        writer.Write(function.MetadataToken);
        writer.Write(function.DisplayName);
        writer.Write(function.NeedsLambdaInstance);
        writer.Write(function.GenericArguments.Length);
        foreach (var argument in function.GenericArguments)
            writer.Write(argument);
        writer.Write(function.Dependencies.Count);
        foreach (var (name, path) in function.Dependencies)
        {
            writer.Write(name);
            writer.Write(path);
        }
    }

    public static FunctionReference? ReadFunction(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
            return null;
        var path = reader.ReadString();
        var token = reader.ReadInt32();
        var name = reader.ReadString();
        var lambda = reader.ReadBoolean();
        var generic = new string[reader.ReadInt32()];
        for (int i = 0; i < generic.Length; i++)
            generic[i] = reader.ReadString();
        var dependencies = new Dictionary<string, string>();
        for (int count = reader.ReadInt32(); count > 0; count--)
            dependencies[reader.ReadString()] = reader.ReadString();
        return new FunctionReference(path, token, generic, name, lambda) { Dependencies = dependencies };
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
}
