using Multiprocessing.Parent;
using Multiprocessing.Wire;

namespace Multiprocessing;

// How a list of items becomes the pool's chunks (their JSON is ArgumentLists').
public abstract partial class WorkerPool
{
    static void CheckChunksize(int chunksize) => PoolRules.CheckChunksize(chunksize);

    /// <summary>
    /// <paramref name="items"/> in chunks of <paramref name="size"/>; each chunk's raw results go to <paramref name="complete"/>
    /// with its first item's index and its count, its failure to <paramref name="fail"/>.
    /// </summary>
    static List<ChunkTask> Chunk<TItem, TResult>(List<TItem> items, int size, ArgumentWriter<TItem> write, Func<TItem, TResult> call,
        Action<int, int, object> complete, Action<int, Exception> fail)
    {
        var chunks = new List<ChunkTask>((items.Count + size - 1) / size);
        for (int first = 0; first < items.Count; first += size)
        {
            int start = first, count = Math.Min(size, items.Count - first);
            chunks.Add(ChunkTask.Of(items, start, count, write, call, raw => complete(start, count, raw), error => fail(start, error)));
        }
        return chunks;
    }
}
