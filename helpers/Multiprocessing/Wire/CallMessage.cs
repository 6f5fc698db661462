using System.Buffers.Binary;
using System.Reflection;
using System.Text.Json;
using Multiprocessing.Memory;

namespace Multiprocessing.Wire;

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
    public static byte[] WriteArgumentList(object?[] args, ParameterInfo[] parameters)
    {
        try
        {
            return Json.Write(json =>
            {
                json.WriteStartArray();
                json.WriteStartArray();
                for (int i = 0; i < args.Length; i++)
                    ValueCodec.Write(json, args[i], parameters[i].ParameterType, parameters[i]);
                json.WriteEndArray();
                json.WriteEndArray();
            });
        }
        catch (PayloadTooLargeException e)
        {
            throw WireFormat.TooLarge("The arguments together", e.Bytes, e);
        }
    }

    /// <summary>
    /// Rebuilds argument lists in this process (the first only, with <paramref name="firstListOnly"/>), so a type that
    /// serializes but cannot be rebuilt fails at the call, not in a worker. Shared memory (arrays, queues, pipes...) is
    /// skipped: opening it here would map it twice, and count a pipe end as open here.
    /// </summary>
    public static void CheckRoundTrip(byte[] items, ParameterInfo[] parameters, bool firstListOnly = false)
    {
        if (items.AsSpan().IndexOf(SharedMemoryJsonConverter.QuotedMarker) >= 0)
            return;
        var json = new Utf8JsonReader(items);
        json.Read();
        ReadArgumentLists(ref json, parameters, firstListOnly ? 1 : int.MaxValue);
    }

    /// <summary>Reads an items array as boxed argument lists, each value as its parameter's type; at most <paramref name="limit"/> lists.</summary>
    public static List<object?[]> ReadArgumentLists(ref Utf8JsonReader json, ParameterInfo[] parameters, int limit = int.MaxValue)
    {
        var lists = new List<object?[]>();
        while (lists.Count < limit && json.Read() && json.TokenType == JsonTokenType.StartArray)
        {
            var args = new object?[parameters.Length];
            for (int i = 0; json.Read() && json.TokenType != JsonTokenType.EndArray; i++)
                args[i] = ValueCodec.Read(ref json, parameters[i].ParameterType, parameters[i]);
            lists.Add(args);
        }
        return lists;
    }
}
