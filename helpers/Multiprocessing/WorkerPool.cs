using Multiprocessing.Parent;

namespace Multiprocessing;

/// <summary>
/// The interface Python's <c>multiprocessing.Pool</c> and <c>ThreadPool</c> share. A lesson can swap
/// <see cref="ProcessPool"/> for <see cref="ThreadWorkerPool"/> and compare them.
/// </summary>
public abstract partial class WorkerPool : IDisposable, IAsyncDisposable
{
    private protected enum PoolState { Running, Closed, Terminated }

    private protected readonly object Gate = new();
    private protected PoolState State = PoolState.Running;

    readonly long _created = System.Diagnostics.Stopwatch.GetTimestamp();
    readonly BoundedTimeline _timeline = new();

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
    public IReadOnlyList<TaskRun> Timeline => _timeline.Snapshot();

    /// <summary>
    /// The ids of the current workers, as <see cref="TaskRun.Worker"/> names them: process ids for a
    /// <see cref="ProcessPool"/>, managed thread ids for a <see cref="ThreadWorkerPool"/>.
    /// </summary>
    public abstract IReadOnlyList<int> WorkerIds { get; }

    /// <summary>Notes a finished task; <paramref name="start"/> and <paramref name="end"/> are <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
    private protected void RecordRun(int worker, int items, long start, long end, bool failed)
    {
        _timeline.Add(new TaskRun(worker, items,
            System.Diagnostics.Stopwatch.GetElapsedTime(_created, start), System.Diagnostics.Stopwatch.GetElapsedTime(_created, end), failed));
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

    /// <summary>Equivalent of <c>join()</c> with a bound: waits up to <paramref name="timeout"/> for the workers to exit.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <returns>True when every worker has exited; false when some still run after <paramref name="timeout"/>.</returns>
    /// <inheritdoc cref="Join()" path="/exception"/>
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

    /// <summary>Terminates the pool, like <see cref="Dispose"/>.</summary>
    /// <returns>A completed task: terminating does not wait for anything asynchronous.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Throws the error Python raises for work sent to a pool that is not running.</summary>
    private protected void CheckRunning()
    {
        AssertGateHeld();
        if (State != PoolState.Running)
            throw new InvalidOperationException($"Pool not running: it was {(State == PoolState.Closed ? "closed" : "terminated")}. Create a new pool for more work.");
    }

    /// <summary>Checks, in Debug builds (the tests), that the caller holds <see cref="Gate"/>: the pool's state changes only under it.</summary>
    [System.Diagnostics.Conditional("DEBUG")]
    private protected void AssertGateHeld() =>
        System.Diagnostics.Debug.Assert(Monitor.IsEntered(Gate), "The pool's state changes only under its gate.");
}
