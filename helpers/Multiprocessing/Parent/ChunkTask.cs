using System.Reflection;
using System.Text.Json;
using Multiprocessing.Wire;

namespace Multiprocessing.Parent;

/// <summary>
/// One unit of pool work: one or more argument lists for the same function (a chunk, in Python's terms),
/// and where its results or its failure go. The items stay typed: a process pool writes them as JSON,
/// a thread pool calls the function on them here. A pool completes each task exactly once.
/// </summary>
internal sealed class ChunkTask(
    int count,
    Action<Utf8JsonWriter, ParameterInfo[], int> writeItems,
    Func<object> runHere,
    Action<object> complete,
    Action<Exception> fail)
{
    int _done;

    /// <summary>
    /// The chunk of <paramref name="count"/> items from <paramref name="start"/>: written as <see cref="ArgumentLists"/>
    /// for a worker process, or run here by <paramref name="call"/> for a thread pool.
    /// </summary>
    public static ChunkTask Of<TItem, TResult>(List<TItem> items, int start, int count,
        ArgumentWriter<TItem> write, Func<TItem, TResult> call, Action<object> complete, Action<Exception> fail) =>
        new(count,
            (json, parameters, limit) => ArgumentLists.Write(json, items, start, Math.Min(count, limit), parameters, write),
            () =>
            {
                var results = new TResult[count];
                for (int i = 0; i < count; i++)
                    results[i] = call(items[start + i]);
                return results;
            },
            complete,
            fail);

    /// <summary>
    /// The caller's context, under which a worker's console output is written while it runs this chunk.
    /// Hosts that route Console by async context (a notebook kernel, per cell) then show it where the work was asked for.
    /// </summary>
    public ExecutionContext? OutputContext { get; } = ExecutionContext.Capture();

    /// <summary>How many argument lists the chunk holds.</summary>
    public int Count { get; } = count;

    /// <summary>Writes the first <paramref name="limit"/> argument lists as a JSON array of arrays, each value as its parameter's type.</summary>
    public void WriteItems(Utf8JsonWriter json, ParameterInfo[] parameters, int limit = int.MaxValue) => writeItems(json, parameters, limit);

    /// <summary>Calls the function on every item in this process and returns the results (a thread pool's raw form).</summary>
    public object RunHere() => runHere();

    /// <summary>Delivers the chunk's results in the pool's raw form; the pool's <c>ReadResults</c> turns them into the caller's type.</summary>
    public void Complete(object results)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
            return;
        try { complete(results); }
        catch (Exception e) { fail(e); }
    }

    public void Fail(Exception error)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
            fail(error);
    }
}
