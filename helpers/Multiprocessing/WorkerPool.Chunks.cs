using System.Reflection;
using System.Text.Json;
using Multiprocessing.Parent;
using Multiprocessing.Wire;

namespace Multiprocessing;

// How items become chunks of JSON argument lists, and back.
public abstract partial class WorkerPool
{
    // How one item becomes a function's argument list in JSON.
    static void WriteOne<T>(Utf8JsonWriter json, T item, ParameterInfo[] parameters) =>
        ValueCodec.Write(json, item, parameters[0]);

    static void WriteTwo<T1, T2>(Utf8JsonWriter json, (T1, T2) item, ParameterInfo[] parameters)
    {
        ValueCodec.Write(json, item.Item1, parameters[0]);
        ValueCodec.Write(json, item.Item2, parameters[1]);
    }

    static void WriteThree<T1, T2, T3>(Utf8JsonWriter json, (T1, T2, T3) item, ParameterInfo[] parameters)
    {
        ValueCodec.Write(json, item.Item1, parameters[0]);
        ValueCodec.Write(json, item.Item2, parameters[1]);
        ValueCodec.Write(json, item.Item3, parameters[2]);
    }

    static void CheckChunksize(int chunksize) => PoolRules.CheckChunksize(chunksize);

    /// <summary>One chunk of all <paramref name="items"/>, for a feed: <paramref name="read"/> turns its raw results into values.</summary>
    static Func<Action<TResult[]>, Action<Exception>, ChunkTask> Chunk<TItem, TResult>(List<TItem> items, int size,
        Action<Utf8JsonWriter, TItem, ParameterInfo[]> write, Func<TItem, TResult> call, Func<int, int, object, TResult[]> read) =>
        (complete, fail) => Chunk(items, size, write, call, (start, count, raw) => complete(read(start, count, raw)), (_, error) => fail(error))[0];

    static List<ChunkTask> Chunk<TItem, TResult>(List<TItem> items, int size,
        Action<Utf8JsonWriter, TItem, ParameterInfo[]> write, Func<TItem, TResult> call,
        Action<int, int, object> complete, Action<int, Exception> fail)
    {
        var chunks = new List<ChunkTask>((items.Count + size - 1) / size);
        for (int first = 0; first < items.Count; first += size)
        {
            int start = first, count = Math.Min(size, items.Count - first);
            chunks.Add(new ChunkTask(count,
                (json, parameters, limit) =>
                {
                    json.WriteStartArray();
                    for (int i = start; i < start + Math.Min(count, limit); i++)
                    {
                        json.WriteStartArray();
                        write(json, items[i], parameters);
                        json.WriteEndArray();
                    }
                    json.WriteEndArray();
                },
                () =>
                {
                    var results = new TResult[count];
                    for (int i = 0; i < count; i++)
                        results[i] = call(items[start + i]);
                    return results;
                },
                raw => complete(start, count, raw),
                error => fail(start, error)));
        }
        return chunks;
    }
}
