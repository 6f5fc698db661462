using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Multiprocessing.Parent;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// The interface Python's <c>multiprocessing.Pool</c> and <c>ThreadPool</c> share. A lesson can swap
/// <see cref="ProcessPool"/> for <see cref="ThreadWorkerPool"/> and compare them.
/// </summary>
public abstract class WorkerPool : IDisposable, IAsyncDisposable
{
    private protected enum PoolState { Running, Closed, Terminated }

    private protected readonly object Gate = new();
    private protected PoolState State = PoolState.Running;

    const int TimelineLimit = 100_000; // a long-lived pool keeps only its latest runs
    readonly long _created = System.Diagnostics.Stopwatch.GetTimestamp();
    readonly ConcurrentQueue<TaskRun> _timeline = new();

    /// <summary>Checks the worker count as Python does.</summary>
    private protected WorkerPool(int? processes)
    {
        if (processes is <= 0)
            throw new ArgumentOutOfRangeException(nameof(processes), processes, "Number of processes must be at least 1.");
        Processes = processes ?? Environment.ProcessorCount;
    }

    /// <summary>How many workers run tasks at once.</summary>
    public int Processes { get; }

    /// <summary>
    /// The tasks the pool has finished, by start time: which worker ran each and when; a long-lived pool keeps
    /// only the latest 100,000. Draw it to see workers being reused.
    /// </summary>
    public IReadOnlyList<TaskRun> Timeline => _timeline.OrderBy(run => run.Start).ToArray();

    /// <summary>
    /// The ids of the current workers, as <see cref="TaskRun.Worker"/> names them: process ids for a
    /// <see cref="ProcessPool"/>, managed thread ids for a <see cref="ThreadWorkerPool"/>.
    /// </summary>
    public abstract IReadOnlyList<int> WorkerIds { get; }

    /// <summary>Notes a finished task; <paramref name="start"/> and <paramref name="end"/> are <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
    private protected void RecordRun(int worker, int items, long start, long end, bool failed)
    {
        _timeline.Enqueue(new TaskRun(worker, items,
            System.Diagnostics.Stopwatch.GetElapsedTime(_created, start), System.Diagnostics.Stopwatch.GetElapsedTime(_created, end), failed));
        while (_timeline.Count > TimelineLimit)
            _timeline.TryDequeue(out _);
    }

    /// <summary>Queues chunks for the workers, or throws before queuing anything when the function or its arguments cannot run.</summary>
    /// <remarks>
    /// <paramref name="fromFeed"/> marks the chunks an <c>Imap</c> input feeds in after the call: they are still sent once the
    /// pool is closed, as Python's task handler sends what was queued before <c>close()</c>. <paramref name="checkRoundTrip"/>
    /// rebuilds the first argument list here first.
    /// </remarks>
    private protected abstract void Submit(Delegate function, Type resultType, IReadOnlyList<ChunkTask> chunks, bool fromFeed = false, bool checkRoundTrip = true);

    /// <summary>Imap inputs still being read; a closed pool lets its workers go only once they are done.</summary>
    private protected bool Feeding => _feeds > 0;
    int _feeds;

    /// <summary>Cancelled by Close and Terminate: feeders stop waiting for room.</summary>
    readonly CancellationTokenSource _closing = new();

    /// <summary>Wakes the feeders of a terminated pool; each subclass's Terminate calls it first.</summary>
    private protected void CancelFeeds() => _closing.Cancel();

    /// <summary>Turns a chunk's raw results from <see cref="ChunkTask.Complete"/> into the caller's type, one per item.</summary>
    private protected abstract void ReadResults<TResult>(object raw, Span<TResult> into);

    /// <summary>Equivalent of <c>map()</c>: applies <paramref name="function"/> to every item and returns the results in input order.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception to arrive from a task in a worker process, as soon as it arrives (CPython's <c>map</c> raises it only once every chunk is back); the other tasks run on, and their results are dropped.</exception>
    public List<TResult> Map<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int? chunksize = null) =>
        MapAsync(function, iterable, chunksize).Get();

    /// <summary>Equivalent of <c>map_async()</c>: the results of <see cref="Map{T, TResult}"/>, when they are ready.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<List<TResult>> MapAsync<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int? chunksize = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunAll(function, Items(iterable), WriteOne, function, chunksize);
    }

    /// <summary>Equivalent of <c>starmap()</c>: each tuple is unpacked into the function's arguments.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception to arrive from a task in a worker process, as soon as it arrives (CPython's <c>map</c> raises it only once every chunk is back); the other tasks run on, and their results are dropped.</exception>
    public List<TResult> Starmap<T1, T2, TResult>(Func<T1, T2, TResult> function, IEnumerable<(T1, T2)> iterable, int? chunksize = null) =>
        StarmapAsync(function, iterable, chunksize).Get();

    /// <summary>Equivalent of <c>starmap()</c> for three arguments.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception to arrive from a task in a worker process, as soon as it arrives (CPython's <c>map</c> raises it only once every chunk is back); the other tasks run on, and their results are dropped.</exception>
    public List<TResult> Starmap<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, IEnumerable<(T1, T2, T3)> iterable, int? chunksize = null) =>
        StarmapAsync(function, iterable, chunksize).Get();

    /// <summary>Equivalent of <c>starmap_async()</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<List<TResult>> StarmapAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, IEnumerable<(T1, T2)> iterable, int? chunksize = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunAll(function, Items(iterable), WriteTwo, t => function(t.Item1, t.Item2), chunksize);
    }

    /// <summary>Equivalent of <c>starmap_async()</c> for three arguments.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<List<TResult>> StarmapAsync<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, IEnumerable<(T1, T2, T3)> iterable, int? chunksize = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunAll(function, Items(iterable), WriteThree, t => function(t.Item1, t.Item2, t.Item3), chunksize);
    }

    /// <summary>
    /// Equivalent of <c>imap()</c>: results in input order, each as soon as it and those before it are ready.
    /// <para>
    /// The input is read as the results are taken, from the call on, not when enumeration starts: at most a few chunks per
    /// worker run ahead of what the caller has taken, so an endless or slow input works and memory stays flat.
    /// An input that throws ends the results after those of the items read before it, with the input's own exception.
    /// </para>
    /// <para>
    /// Like Python's iterator, the results can be taken once. Every way of leaving a pass early (<c>break</c>, <c>Take</c>,
    /// <c>First</c>, disposing the enumerator, a task's <see cref="RemoteException"/> thrown at its place) keeps the position:
    /// the next pass goes on right after the last value taken, and yields nothing once all were taken.
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <remarks>Enumerating throws a task's <see cref="RemoteException"/> at its place, then the input's own exception if it failed.</remarks>
    public IEnumerable<TResult> Imap<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int chunksize = 1)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Stream(function, iterable, WriteOne, function, chunksize, ordered: true);
    }

    /// <summary>
    /// Equivalent of <c>imap_unordered()</c>: results in the order they complete. The input is read as
    /// <see cref="Imap{T, TResult}"/> reads it, and the results are one-shot the same way: a pass left early goes on in the next.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> or <paramref name="iterable"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public IEnumerable<TResult> ImapUnordered<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int chunksize = 1)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Stream(function, iterable, WriteOne, function, chunksize, ordered: false);
    }

    /// <summary>Equivalent of <c>apply(f)</c>: runs the function in a worker and waits for its result.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception a task raised in a worker process.</exception>
    public TResult Apply<TResult>(Func<TResult> function) => ApplyAsync(function).Get();

    /// <summary>Equivalent of <c>apply(f, (a,))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception a task raised in a worker process.</exception>
    public TResult Apply<T1, TResult>(Func<T1, TResult> function, T1 arg1) => ApplyAsync(function, arg1).Get();

    /// <summary>Equivalent of <c>apply(f, (a, b))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception a task raised in a worker process.</exception>
    public TResult Apply<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2) => ApplyAsync(function, arg1, arg2).Get();

    /// <summary>Equivalent of <c>apply(f, (a, b, c))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the first exception a task raised in a worker process.</exception>
    public TResult Apply<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, T1 arg1, T2 arg2, T3 arg3) =>
        ApplyAsync(function, arg1, arg2, arg3).Get();

    /// <summary>Equivalent of <c>apply_async(f)</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<TResult> ApplyAsync<TResult>(Func<TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll<bool, TResult>(function, [true], static (_, _, _) => { }, _ => function(), 1));
    }

    /// <summary>Equivalent of <c>apply_async(f, (a,))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<TResult> ApplyAsync<T1, TResult>(Func<T1, TResult> function, T1 arg1)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll(function, [arg1], WriteOne, function, 1));
    }

    /// <summary>Equivalent of <c>apply_async(f, (a, b))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<TResult> ApplyAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll(function, [(arg1, arg2)], WriteTwo, t => function(t.Item1, t.Item2), 1));
    }

    /// <summary>Equivalent of <c>apply_async(f, (a, b, c))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    public AsyncResult<TResult> ApplyAsync<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, T1 arg1, T2 arg2, T3 arg3)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll(function, [(arg1, arg2, arg3)], WriteThree, t => function(t.Item1, t.Item2, t.Item3), 1));
    }

    /// <summary>Equivalent of <c>close()</c>: no new tasks; workers exit once the queued ones are done.</summary>
    public void Close()
    {
        lock (Gate)
        {
            if (State != PoolState.Running)
                return;
            State = PoolState.Closed;
            if (_feeds == 0)
                OnClosed(); // else the last Imap feed calls it when its input ends
        }
        _closing.Cancel(); // feeders waiting for room read the rest of their input
    }

    /// <summary>Lets the workers finish the queue and exit. Called once, under the gate.</summary>
    private protected abstract void OnClosed();

    /// <summary>Equivalent of <c>terminate()</c>: stops the workers now. Tasks not finished fail instead of hanging.</summary>
    public abstract void Terminate();

    /// <summary>Equivalent of <c>join()</c>: waits for the workers to exit. Call <see cref="Close"/> or <see cref="Terminate"/> first.</summary>
    /// <exception cref="InvalidOperationException">Throws when the pool is still running: neither closed nor terminated.</exception>
    public void Join() => Join(Timeout.InfiniteTimeSpan);

    /// <summary>Equivalent of <c>join()</c> with a bound: waits up to <paramref name="timeout"/> for the workers to exit; returns false if some still run.</summary>
    /// <exception cref="InvalidOperationException">Throws when the pool is still running: neither closed nor terminated.</exception>
    public bool Join(TimeSpan timeout)
    {
        lock (Gate)
            if (State == PoolState.Running)
                throw new InvalidOperationException("Join() waits for workers to exit, so call Close() or Terminate() first.");
        return WaitForWorkers(timeout);
    }

    /// <summary>Waits until every worker has exited.</summary>
    private protected abstract bool WaitForWorkers(TimeSpan timeout);

    /// <summary>Terminates the pool, like leaving Python's <c>with Pool() as p:</c> block.</summary>
    public void Dispose()
    {
        Terminate();
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the pool.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Throws the error Python raises for work sent to a pool that is not running.</summary>
    private protected void CheckRunning()
    {
        if (State != PoolState.Running)
            throw new InvalidOperationException($"Pool not running: it was {(State == PoolState.Closed ? "closed" : "terminated")}. Create a new pool for more work.");
    }

    /// <summary>Python's rule: about four chunks per worker.</summary>
    private protected int DefaultChunksize(int count)
    {
        if (count == 0)
            return 1;
        int chunksize = Math.DivRem(count, Processes * 4, out int extra);
        return extra > 0 ? chunksize + 1 : chunksize;
    }

    static List<T> Items<T>(IEnumerable<T> iterable)
    {
        ArgumentNullException.ThrowIfNull(iterable);
        return iterable.ToList();
    }

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

    static void CheckChunksize(int chunksize)
    {
        if (chunksize <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunksize), chunksize, $"Chunksize must be 1+, not {chunksize}.");
    }

    static AsyncResult<TResult> First<TResult>(AsyncResult<List<TResult>> all) =>
        new(all.Task.ContinueWith(
            t => t.GetAwaiter().GetResult()[0], // rethrows with the worker's stack trace
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));

    AsyncResult<List<TResult>> RunAll<TItem, TResult>(Delegate function, List<TItem> items,
        Action<Utf8JsonWriter, TItem, ParameterInfo[]> write, Func<TItem, TResult> call, int? chunksize)
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

    /// <summary>
    /// Chunks of an <c>Imap</c> input sent ahead of the results the caller has taken, at most: memory stays flat however
    /// long (or endless) the input is. Enough to keep every worker busy with its tasks in flight.
    /// </summary>
    int ReadAhead => Math.Max(8, Processes * 4);

    IEnumerable<TResult> Stream<TItem, TResult>(Delegate function, IEnumerable<TItem> iterable,
        Action<Utf8JsonWriter, TItem, ParameterInfo[]> write, Func<TItem, TResult> call, int chunksize, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(iterable);
        CheckChunksize(chunksize);
        Submit(function, typeof(TResult), [], fromFeed: false); // the function and result type are checked at the call
        var stream = new ResultStream<TResult>(ordered, ReadAhead);
        lock (Gate)
        {
            CheckRunning();
            _feeds++;
        }
        var feed = new ImapFeed<TItem, TResult>(iterable, chunksize, stream, _closing.Token,
            items => Chunk(items, items.Count, write, call,
                (_, count, raw) =>
                {
                    var values = new TResult[count];
                    ReadResults<TResult>(raw, values);
                    return values;
                }),
            (chunk, first) => Submit(function, typeof(TResult), [chunk], fromFeed: true, checkRoundTrip: first),
            () => { lock (Gate) return State == PoolState.Terminated; },
            () =>
            {
                lock (Gate)
                    if (--_feeds == 0 && State == PoolState.Closed)
                        OnClosed();
            });
        feed.Start();
        return stream.Results();
    }

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
