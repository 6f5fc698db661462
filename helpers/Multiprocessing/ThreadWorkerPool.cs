using System.Collections.Concurrent;
using Multiprocessing.Parent;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.pool.ThreadPool</c>: the same interface as
/// <see cref="ProcessPool"/>, with threads of this process as workers. Functions may capture
/// variables, nothing is serialized, and an exception is raised again with its own type.
/// .NET has no GIL, so these threads run CPU-bound code in parallel. Like Python's pool it is pull-based: one queue,
/// and each idle thread takes the next task, so tasks start in the order they were given.
/// </summary>
public sealed class ThreadWorkerPool : WorkerPool
{
    readonly BlockingCollection<ChunkTask> _queue = new();
    readonly Thread[] _threads;
    long _cpuTicks;
    long _tasksTimed;

    /// <summary>Starts <paramref name="processes"/> worker threads (default: the processor count); the name matches Python's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="processes"/> is below 1.</exception>
    public ThreadWorkerPool(int? processes = null) : base(processes)
    {
        _threads = new Thread[Processes];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"ThreadWorkerPool worker {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>The managed thread ids of the workers.</summary>
    public override IReadOnlyList<int> WorkerIds => _threads.Select(t => t.ManagedThreadId).ToArray();

    private protected override void Submit(Delegate function, Type resultType, IReadOnlyList<ChunkTask> chunks, bool fromFeed = false, bool checkRoundTrip = true)
    {
        lock (Gate)
        {
            if (!fromFeed || State == PoolState.Terminated)
                CheckRunning();
            foreach (var chunk in chunks)
                _queue.Add(chunk);
        }
    }

    private protected override void ReadResults<TResult>(object raw, Span<TResult> into) => ((TResult[])raw).CopyTo(into);

    /// <summary>
    /// CPU time the worker threads have spent running tasks so far, each task measured on its own thread
    /// (<see cref="Platform.ThreadCpuTime"/>) and added before its result is handed over: so once a map returns, its tasks
    /// are all in. Zero where the thread clock is not supported. Not in Python, whose threads share one core's worth of
    /// CPU under the GIL; here it shows how many cores the threads kept busy (<c>Multiprocessing.Measurements</c> reads it).
    /// </summary>
    /// <returns>The worker threads' CPU time so far, user and kernel.</returns>
    public TimeSpan CpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _cpuTicks));

    /// <summary>
    /// How far <see cref="CpuTime"/> may be off: each task was read twice on its thread's clock, each reading within
    /// <see cref="Platform.ThreadCpuTime.Resolution"/> (1 µs on Linux and macOS, 15.6 ms on Windows).
    /// </summary>
    /// <returns>Twice the clock's resolution for each task timed.</returns>
    public TimeSpan CpuTimeUncertainty => 2 * Platform.ThreadCpuTime.Resolution * Interlocked.Read(ref _tasksTimed);

    void Work()
    {
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            object results;
            var cpu = Platform.ThreadCpuTime.Now();
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                results = task.RunHere();
            }
            catch (Exception e)
            {
                RecordRun(Environment.CurrentManagedThreadId, task.Count, start, System.Diagnostics.Stopwatch.GetTimestamp(), failed: true);
                AddCpuTime(cpu);
                task.Fail(e); // the original exception, raised again with its own stack trace
                continue;
            }
            RecordRun(Environment.CurrentManagedThreadId, task.Count, start, System.Diagnostics.Stopwatch.GetTimestamp(), failed: false);
            AddCpuTime(cpu);
            task.Complete(results);
        }
    }

    void AddCpuTime(TimeSpan startedAt)
    {
        Interlocked.Add(ref _cpuTicks, (Platform.ThreadCpuTime.Now() - startedAt).Ticks);
        Interlocked.Increment(ref _tasksTimed);
    }

    private protected override void OnClosed() => _queue.CompleteAdding();

    /// <summary>Equivalent of <c>terminate()</c>. Threads cannot be killed: queued tasks fail now, running ones finish.</summary>
    public override void Terminate()
    {
        CancelFeeds();
        lock (Gate)
        {
            if (State == PoolState.Terminated)
                return;
            _queue.CompleteAdding(); // also when closed with an Imap input still feeding

            State = PoolState.Terminated;
        }
        var terminated = new InvalidOperationException("The pool was terminated before this task finished.");
        while (_queue.TryTake(out var task))
            task.Fail(terminated);
    }

    private protected override bool WaitForWorkers(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + (timeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(365) : timeout);
        foreach (var thread in _threads)
        {
            var left = deadline - DateTime.UtcNow;
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                return false;
        }
        return true;
    }
}
