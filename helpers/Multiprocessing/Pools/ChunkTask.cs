namespace Multiprocessing.Pools;

/// <summary>
/// One unit of pool work: one or more argument lists for the same function (a chunk, in Python's terms),
/// and where its results or its failure go. A pool completes each task exactly once.
/// </summary>
internal sealed class ChunkTask(object?[][] items, Func<object?[], object?> invoke, Action<object> complete, Action<Exception> fail)
{
    int _done;

    public object?[][] Items { get; } = items;

    /// <summary>Calls the function in this process (used by the thread pool).</summary>
    public Func<object?[], object?> Invoke { get; } = invoke;

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
