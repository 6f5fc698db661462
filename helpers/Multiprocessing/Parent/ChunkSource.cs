using Multiprocessing.Wire;

namespace Multiprocessing.Parent;

/// <summary>
/// The chunks of one <c>Imap</c> call: sends each list of items its <see cref="ImapFeed{TItem, TResult}"/> reads to
/// <paramref name="pool"/> as one <see cref="ChunkTask"/>, whose values (or failure) go to <paramref name="results"/>
/// at the chunk's place.
/// </summary>
internal sealed class ChunkSource<TItem, TResult>(
    WorkerPool pool,
    Delegate function,
    ArgumentWriter<TItem> write,
    Func<TItem, TResult> call,
    ResultStream<TResult> results)
{
    /// <summary>Queues <paramref name="items"/> as chunk number <paramref name="index"/>; the first chunk's JSON is checked to round-trip.</summary>
    public void Send(List<TItem> items, int index)
    {
        int count = items.Count;
        var chunk = ChunkTask.Of(items, 0, count, write, call,
            raw => results.Add(index, pool.ReadChunk<TResult>(raw, count)),
            error => results.Fail(index, error));
        pool.SubmitFromFeed(function, typeof(TResult), chunk, first: index == 0);
    }
}
