using System.Runtime.InteropServices;
using Multiprocessing.Wire;

namespace Multiprocessing;

// Map and Starmap: every result at once, in input order.
public abstract partial class WorkerPool
{
    /// <summary>Equivalent of <c>map()</c>: applies <paramref name="function"/> to every item and returns the results in input order.</summary>
    /// <param name="function">A static method or a lambda that captures nothing: a worker process runs it from the compiled assembly.</param>
    /// <param name="iterable">The items, read in full before any is sent.</param>
    /// <param name="chunksize">How many items travel to a worker in one task; null, as in Python, for about four chunks per
    /// worker (items ÷ (4 × <see cref="Processes"/>), rounded up).</param>
    /// <returns>One result per item, in the order of <paramref name="iterable"/>.</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception to arrive from a task in a worker process, as soon as it arrives (CPython's <c>map</c> raises it only once every chunk is back); the other tasks run on, and their results are dropped.</exception>
    public List<TResult> Map<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int? chunksize = null) =>
        MapAsync(function, iterable, chunksize).Get();

    /// <summary>Equivalent of <c>map_async()</c>: the results of <see cref="Map{T, TResult}"/>, when they are ready.</summary>
    /// <inheritdoc cref="Map{T, TResult}" path="/param"/>
    /// <returns>The pending results: <see cref="AsyncResult{T}.Get(TimeSpan?)"/> gives them, or throws the first task's <see cref="RemoteException"/>.</returns>
    /// <inheritdoc cref="Map{T, TResult}" path="/exception[@cref!='T:Multiprocessing.RemoteException']"/>
    public AsyncResult<List<TResult>> MapAsync<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int? chunksize = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunAll(function, Items(iterable), ArgumentLists.WriteOne, function, chunksize);
    }

    /// <summary>Equivalent of <c>starmap()</c>: each tuple is unpacked into the function's two arguments.</summary>
    /// <param name="function">A static method or a lambda that captures nothing.</param>
    /// <param name="iterable">The argument tuples, read in full before any is sent.</param>
    /// <param name="chunksize">As for <see cref="Map{T, TResult}"/>.</param>
    /// <returns>One result per tuple, in input order.</returns>
    /// <inheritdoc cref="Map{T, TResult}" path="/exception"/>
    public List<TResult> Starmap<T1, T2, TResult>(Func<T1, T2, TResult> function, IEnumerable<(T1, T2)> iterable, int? chunksize = null) =>
        StarmapAsync(function, iterable, chunksize).Get();

    /// <summary>Equivalent of <c>starmap()</c> for three arguments.</summary>
    /// <inheritdoc cref="Starmap{T1, T2, TResult}" path="/param"/>
    /// <inheritdoc cref="Starmap{T1, T2, TResult}" path="/returns"/>
    /// <inheritdoc cref="Map{T, TResult}" path="/exception"/>
    public List<TResult> Starmap<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, IEnumerable<(T1, T2, T3)> iterable, int? chunksize = null) =>
        StarmapAsync(function, iterable, chunksize).Get();

    /// <summary>Equivalent of <c>starmap_async()</c>: the results of <see cref="Starmap{T1, T2, TResult}"/>, when they are ready.</summary>
    /// <inheritdoc cref="Starmap{T1, T2, TResult}" path="/param"/>
    /// <inheritdoc cref="MapAsync{T, TResult}" path="/returns"/>
    /// <inheritdoc cref="MapAsync{T, TResult}" path="/exception"/>
    public AsyncResult<List<TResult>> StarmapAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, IEnumerable<(T1, T2)> iterable, int? chunksize = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunAll(function, Items(iterable), ArgumentLists.WriteTwo, t => function(t.Item1, t.Item2), chunksize);
    }

    /// <summary>Equivalent of <c>starmap_async()</c> for three arguments.</summary>
    /// <inheritdoc cref="Starmap{T1, T2, TResult}" path="/param"/>
    /// <inheritdoc cref="MapAsync{T, TResult}" path="/returns"/>
    /// <inheritdoc cref="MapAsync{T, TResult}" path="/exception"/>
    public AsyncResult<List<TResult>> StarmapAsync<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, IEnumerable<(T1, T2, T3)> iterable, int? chunksize = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunAll(function, Items(iterable), ArgumentLists.WriteThree, t => function(t.Item1, t.Item2, t.Item3), chunksize);
    }

    /// <summary>Python's rule: about four chunks per worker (<see cref="PoolRules.DefaultChunksize"/>).</summary>
    private protected int DefaultChunksize(int count) => PoolRules.DefaultChunksize(count, Processes);

    static List<T> Items<T>(IEnumerable<T> iterable)
    {
        ArgumentNullException.ThrowIfNull(iterable);
        return iterable.ToList();
    }

    AsyncResult<List<TResult>> RunAll<TItem, TResult>(Delegate function, List<TItem> items,
        ArgumentWriter<TItem> write, Func<TItem, TResult> call, int? chunksize)
    {
        int size = chunksize ?? DefaultChunksize(items.Count);
        CheckChunksize(size);
        var results = new List<TResult>(items.Count);
        CollectionsMarshal.SetCount(results, items.Count);
        var done = new TaskCompletionSource<List<TResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        int remaining = (items.Count + size - 1) / size;
        var chunks = Chunk(items, size, write, call,
            (start, count, raw) =>
            {
                ReadResults(raw, CollectionsMarshal.AsSpan(results).Slice(start, count));
                if (Interlocked.Decrement(ref remaining) == 0)
                    done.TrySetResult(results);
            },
            (_, error) => done.TrySetException(error)); // the first error to arrive, as in Python, but at once: CPython waits for every chunk
        lock (Gate)
            CheckRunning();
        Submit(function, typeof(TResult), chunks);
        if (items.Count == 0)
            done.TrySetResult(results);
        return new AsyncResult<List<TResult>>(done.Task);
    }
}
