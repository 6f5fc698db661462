using Multiprocessing.Parent;
using Multiprocessing.Platform;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Pool</c>: worker processes, started once and reused for every task.
/// Functions must be static methods or lambdas that capture nothing; arguments and results travel as JSON.
/// <para>
/// Failures do better than CPython. An exception in a task is raised again in the caller as a
/// <see cref="RemoteException"/>, and the pool stays usable. A worker that dies fails the one task it was
/// running with a <see cref="BrokenProcessPoolException"/>, gives the tasks it had not started to other
/// workers, and is replaced; no call hangs. Workers exit by themselves when this process dies.
/// A worker that dies before it is ready (its initializer threw, or the runtime could not start)
/// breaks the pool instead, so a crash loop cannot happen: queued and new work then fails.
/// </para>
/// <para>
/// Scheduling matches Python's pull-based pool: tasks start in the order they were given, and a task waits for a worker only
/// when no worker is idle. A worker is sent its next task when it goes idle (the head of the queue), so a task of a
/// millisecond or more never starts before one given earlier. Tiny tasks would then spend most of their time waiting for the
/// pipe, so a worker whose last three tasks each took under a millisecond (round trip included) is sent one task ahead; their
/// starts may swap by less than a millisecond. A task held ahead is taken back as soon as the task in front of it has run for a
/// millisecond (the worker is then sent no more ahead until its tasks are tiny again), and when another worker goes idle with
/// nothing queued; taken-back tasks rejoin the queue in their original order, and a task never runs twice. A fresh worker has
/// no history, so it gets one task at a time, and none before it is ready: the first worker up takes the first task.
/// Signals (Ctrl+C, SIGTERM, SIGHUP) delete this process's temp files before they end it.
/// </para>
/// </summary>
public sealed class ProcessPool : WorkerPool
{
    /// <summary>Tasks a worker of tiny tasks holds: the running one and one sent ahead, so it never waits for the pipe.</summary>
    const int TasksInFlightPerWorker = 2;

    /// <summary>
    /// A task that took less than this, as this process sees it (its result's arrival minus when it could start, so a round
    /// trip included), is tiny; and a task held ahead behind one that has run this long is taken back. 1 ms: a round trip
    /// costs about 0.05 ms here, so a task this long loses at most 5 % to waiting for the pipe.
    /// </summary>
    static readonly long TinyTaskTicks = System.Diagnostics.Stopwatch.Frequency / 1000;

    /// <summary>Tiny tasks in a row a worker must have finished before it is sent a task ahead.</summary>
    const int TinyTasksBeforeSendingAhead = 3;

    readonly FunctionReference? _initializer;
    readonly int? _maxTasksPerChild;
    readonly ParentCulture _culture = ParentCulture.Capture();
    readonly LinkedList<QueuedTask> _queue = new();
    readonly List<PoolWorker> _workers = [];
    readonly Dictionary<string, (int Id, FunctionReference Reference)> _functions = [];
    readonly TaskCompletionSource _allExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Exception? _broken;
    long _nextTaskId;
    Timer? _aheadCheck;
    long _aheadCheckAt = long.MaxValue;

    /// <summary>
    /// Starts <paramref name="processes"/> workers (default: the processor count). Each runs <paramref name="initializer"/>
    /// once at start, and is replaced after <paramref name="maxTasksPerChild"/> tasks when that is set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="processes"/> or <paramref name="maxTasksPerChild"/> is below 1.</exception>
    /// <exception cref="ArgumentException">Throws when a worker process could not run <paramref name="initializer"/> (a capturing lambda, for example).</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a worker has no program file to run.</exception>
    /// <remarks>The workers take this thread's current culture and UI culture, and this process's runtime properties (its globalization mode and AppContext switches).</remarks>
    public ProcessPool(int? processes = null, Action? initializer = null, int? maxTasksPerChild = null) : base(processes)
    {
        if (maxTasksPerChild is <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxTasksPerChild), maxTasksPerChild, "maxTasksPerChild must be a positive number or null.");
        _ = WorkerLauncher.Program; // a single-file app is refused here, before anything starts
        _initializer = initializer is null ? null : FunctionReference.From(initializer);
        _maxTasksPerChild = maxTasksPerChild;
        try
        {
            lock (Gate)
                for (int i = 0; i < Processes; i++)
                    StartWorker();
        }
        catch
        {
            Terminate(); // leave nothing running when a worker cannot start
            throw;
        }
    }

    /// <summary>
    /// Equivalent of the check <see cref="WorkerPool.Map{T, TResult}(Func{T, TResult}, IEnumerable{T}, int?)"/> makes first:
    /// whether a worker process could run <paramref name="function"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, naming the problem and the fix, when a worker could not run it (a capturing lambda, for example).</exception>
    public static void CheckFunction(Delegate function) => FunctionReference.From(function);

    /// <summary>The process ids of the current workers: <see cref="WorkerIds"/> by the name a process pool gives them.</summary>
    public IReadOnlyList<int> WorkerPids => WorkerIds;

    /// <inheritdoc/>
    public override IReadOnlyList<int> WorkerIds
    {
        get { lock (Gate) return _workers.Select(w => w.Process.Pid).ToArray(); }
    }

    sealed class PoolWorker(WorkerProcess process)
    {
        public WorkerProcess Process { get; } = process;
        public Queue<QueuedTask> InFlight { get; } = new();
        public int Assigned { get; set; }
        public bool Ready { get; set; }
        public bool Stopping { get; set; }
        /// <summary>When its last result arrived: a worker runs its tasks one after another, so the next one began then.</summary>
        public long LastFinishedAt { get; set; }
        /// <summary>How many of its latest tasks in a row were tiny (under <see cref="TinyTaskTicks"/>).</summary>
        public int TinyStreak { get; set; }
        /// <summary>True when it may hold a task ahead of the running one: its recent tasks were tiny.</summary>
        public bool SendsAhead => TinyStreak >= TinyTasksBeforeSendingAhead;
        /// <summary>When the task it is running could start: when it was sent, or when the task before it finished.</summary>
        public long RunningSince => Math.Max(InFlight.Peek().SentAt, LastFinishedAt);
        /// <summary>The task it holds behind the running one, unless that is already being taken back.</summary>
        public QueuedTask? Ahead => InFlight.Count >= 2 && !InFlight.Last().Revoking ? InFlight.Last() : null;
    }

    sealed record QueuedTask(long Id, int FunctionId, FunctionReference Function, byte[] Items, ChunkTask Task)
    {
        public long SentAt { get; set; }
        /// <summary>Asked back from its worker, for an idle one; the worker answers Revoked, or its result if it had started.</summary>
        public bool Revoking { get; set; }

    }

    private protected override void Submit(Delegate function, Type resultType, IReadOnlyList<ChunkTask> chunks, bool fromFeed = false, bool checkRoundTrip = true)
    {
        var reference = FunctionReference.From(function);
        var parameters = function.Method.GetParameters();
        WireFormat.CheckCanTravel(resultType, "The result");
        StateCheck.CheckParameters(parameters);
        StateCheck.Check(resultType, "The result");
        // Serialize everything first: a bad argument fails the call before any task is queued.
        var items = chunks.Select(chunk => WriteItems(chunk, parameters)).ToArray();
        if (chunks.Count > 0 && checkRoundTrip)
            CallMessage.CheckRoundTrip(items[0], parameters, firstListOnly: true);
        lock (Gate)
        {
            if (!fromFeed || State == PoolState.Terminated)
                CheckRunning();
            if (_broken is not null)
                throw new BrokenProcessPoolException($"The pool is broken: {_broken.Message} Create a new pool.", inner: _broken);
            if (!_functions.TryGetValue(reference.Key, out var known))
                _functions[reference.Key] = known = (_functions.Count + 1, reference);
            for (int i = 0; i < chunks.Count; i++)
                _queue.AddLast(new QueuedTask(++_nextTaskId, known.Id, known.Reference, items[i], chunks[i]));
            Pump();
        }
    }

    /// <summary>A chunk's argument lists as JSON; a chunk that passes the message limit only in total is refused naming its size.</summary>
    static byte[] WriteItems(ChunkTask chunk, System.Reflection.ParameterInfo[] parameters)
    {
        try
        {
            return Json.Write(json => chunk.WriteItems(json, parameters));
        }
        catch (PayloadTooLargeException e)
        {
            throw WireFormat.TooLarge($"A task of {chunk.Count} item(s)", e.Bytes, e);
        }
    }

    private protected override void ReadResults<TResult>(object raw, Span<TResult> into) => ResultMessage.ReadValues((byte[])raw, into);

    /// <summary>Starts one worker. Called under the gate, so its first frames wait until it is registered.</summary>
    void StartWorker()
    {
        AssertGateHeld();
        PoolWorker? slot = null;
        // The callbacks read the slot under the gate, which this caller holds until the slot is set.
        PoolWorker Slot() { lock (Gate) return slot!; }
        var process = WorkerProcess.Start(WorkerMode.Pool, _culture, _initializer, (_, frame) => OnFrame(Slot(), frame), _ => OnGone(Slot()));
        slot = new PoolWorker(process);
        _workers.Add(slot);
    }

    /// <summary>
    /// Hands queued tasks to workers, in order: first one to each idle worker that is ready (a worker still starting takes
    /// none, so the first worker up takes the first task, as in Python's pool), so two tasks on a pool of two run at once
    /// and a task waits only when no worker is idle; then one more ahead to each worker of tiny tasks
    /// (<see cref="PoolWorker.SendsAhead"/>), so it never waits for the pipe. A task held ahead behind one that has run
    /// for a millisecond is taken back (<see cref="RevokeStaleAhead"/>), and so is one held ahead when a worker is idle and
    /// nothing is queued (<see cref="RevokeForIdleWorkers"/>). Stops idle workers once a closed pool has no work left.
    /// </summary>
    void Pump()
    {
        AssertInvariants();
        if (State == PoolState.Terminated)
            return;
        RevokeStaleAhead();
        for (int depth = 1; depth <= TasksInFlightPerWorker && _queue.Count > 0; depth++)
            foreach (var worker in _workers)
                if (worker.Ready && !worker.Stopping && worker.InFlight.Count < depth && (depth == 1 || worker.SendsAhead) && _queue.First is { } next)
                {
                    _queue.RemoveFirst();
                    Send(worker, next.Value);
                }
        if (_queue.Count == 0)
            RevokeForIdleWorkers();
        ScheduleAheadCheck();
        if (State == PoolState.Closed && _queue.Count == 0 && !Feeding)
            foreach (var worker in _workers)
                if (worker.InFlight.Count == 0 && !worker.Stopping)
                    Stop(worker);
    }

    /// <summary>The scheduler's rules, checked in Debug builds (the tests) every time it runs.</summary>
    [System.Diagnostics.Conditional("DEBUG")]
    void AssertInvariants()
    {
        AssertGateHeld();
        foreach (var worker in _workers)
        {
            System.Diagnostics.Debug.Assert(worker.InFlight.Count <= TasksInFlightPerWorker, "A worker holds at most its running task and one ahead.");
            System.Diagnostics.Debug.Assert(worker.Ahead is null || worker.SendsAhead, "Only a worker of tiny tasks holds a task ahead.");
        }
    }

    /// <summary>
    /// Takes back every task held ahead behind a task that has run for <see cref="TinyTaskTicks"/> or more: its worker's
    /// tasks are no longer tiny, so the held task must not wait behind it while others start later tasks. That worker is
    /// sent nothing ahead until it has finished tiny tasks in a row again.
    /// </summary>
    void RevokeStaleAhead()
    {
        AssertGateHeld();
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var worker in _workers)
            if (!worker.Stopping && worker.Ahead is { } ahead && now - worker.RunningSince >= TinyTaskTicks)
            {
                worker.TinyStreak = 0;
                Revoke(worker, ahead);
            }
    }

    /// <summary>
    /// Arms a timer for when the earliest task held ahead would go stale, so it is taken back on time even when no other
    /// frame arrives (every worker busy with a long task). One timer per pool, created on first need.
    /// </summary>
    void ScheduleAheadCheck()
    {
        AssertGateHeld();
        long due = long.MaxValue;
        foreach (var worker in _workers)
            if (!worker.Stopping && worker.Ahead is not null)
                due = Math.Min(due, worker.RunningSince + TinyTaskTicks);
        if (due >= _aheadCheckAt)
            return;
        _aheadCheckAt = due;
        long waitTicks = due - System.Diagnostics.Stopwatch.GetTimestamp();
        var wait = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(waitTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency)));
        _aheadCheck ??= new Timer(_ =>
        {
            lock (Gate)
            {
                _aheadCheckAt = long.MaxValue;
                Pump();
            }
        });
        _aheadCheck.Change(wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// For each ready idle worker, asks a busy worker to give back the task it holds ahead of its running one: the worker
    /// whose running task began first, as it is the likeliest to keep its next task waiting longest. The task returns
    /// through a Revoked frame within one round trip and rejoins the queue in its place; had the worker already started
    /// it, its result comes instead, so a task never runs twice.
    /// </summary>
    void RevokeForIdleWorkers()
    {
        AssertGateHeld();
        int idle = _workers.Count(w => w.Ready && !w.Stopping && w.InFlight.Count == 0);
        int coming = _workers.Sum(w => w.InFlight.Count(t => t.Revoking));
        while (idle > coming)
        {
            var victim = _workers.Where(w => !w.Stopping && w.Ahead is not null).MinBy(w => w.RunningSince);
            if (victim is null)
                return;
            Revoke(victim, victim.Ahead!);
            coming++;
        }
    }

    /// <summary>Asks <paramref name="worker"/> to give back <paramref name="task"/>, which it holds and has not started.</summary>
    static void Revoke(PoolWorker worker, QueuedTask task)
    {
        task.Revoking = true;
        // It may carry its function's definition, which the worker then never reads: later calls to it send the definition again.
        worker.Process.KnownFunctions.Remove(task.FunctionId);
        var id = new byte[sizeof(long)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(id, task.Id);
        worker.Process.TrySend(MessageKind.Revoke, id);
    }

    /// <summary>Puts a task that was taken back, or that a dead worker had not started, back in the queue in the order it was given.</summary>
    void Requeue(QueuedTask task)
    {
        AssertGateHeld();
        var node = _queue.First;
        while (node is not null && node.Value.Id < task.Id)
            node = node.Next;
        if (node is null)
            _queue.AddLast(task);
        else
            _queue.AddBefore(node, task);
    }

    void Send(PoolWorker worker, QueuedTask task)
    {
        AssertGateHeld();
        task.Revoking = false;
        bool firstTime = worker.Process.KnownFunctions.Add(task.FunctionId);
        task.SentAt = System.Diagnostics.Stopwatch.GetTimestamp();
        worker.InFlight.Enqueue(task);
        worker.Process.OutputContext = task.Task.OutputContext;
        worker.Process.TrySend(MessageKind.Call, CallMessage.Write(task.Id, task.FunctionId, firstTime ? task.Function : null, task.Items));
        if (++worker.Assigned == _maxTasksPerChild)
            Stop(worker);
    }

    static void Stop(PoolWorker worker)
    {
        worker.Stopping = true;
        worker.Process.TrySend(MessageKind.Stop, []);
    }

    void OnFrame(PoolWorker worker, Frame frame)
    {
        QueuedTask? finished = null;
        Exception? error = null;
        if (frame.Kind is MessageKind.Error or MessageKind.SetupFailed)
        {
            var message = ErrorMessage.Read(frame.Payload);
            error = new RemoteException(message.Type, message.Message, message.Trace, worker.Process.Pid);
        }
        lock (Gate)
        {
            if (frame.Kind == MessageKind.Revoked)
            {
                // The worker had not started it (it may still be running the task before): it goes back in its place in the queue.
                long id = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(frame.Payload);
                var kept = worker.InFlight.Where(t => t.Id != id).ToArray();
                var revoked = worker.InFlight.FirstOrDefault(t => t.Id == id);
                worker.InFlight.Clear();
                foreach (var task in kept)
                    worker.InFlight.Enqueue(task);
                if (revoked is not null)
                    Requeue(revoked);
            }
            else if (frame.Kind == MessageKind.Ready)
                worker.Ready = true;
            else if (frame.Kind == MessageKind.SetupFailed)
                _broken = new BrokenProcessPoolException($"A worker failed to start: its initializer raised {error!.Message}", worker.Process.Pid, inner: error);
            else if (worker.InFlight.Count > 0)
            {
                finished = worker.InFlight.Dequeue();
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                long started = Math.Max(finished.SentAt, worker.LastFinishedAt);
                RecordRun(worker.Process.Pid, finished.Task.Count, started, now, error is not null);
                worker.TinyStreak = now - started < TinyTaskTicks ? worker.TinyStreak + 1 : 0;
                worker.LastFinishedAt = now;
            }
            Pump();
        }
        if (finished is null)
            return;
        if (error is not null)
            finished.Task.Fail(error);
        else
            finished.Task.Complete(frame.Payload);
    }

    /// <summary>
    /// A worker's process ended, on its reader thread, so nothing here throws. Under the gate, in order: break the pool if
    /// the worker never got ready, fail the task it was running, requeue what it had not started, replace it; a broken
    /// pool then fails everything queued. The tasks are failed after the gate is released, as callers' continuations may run.
    /// </summary>
    void OnGone(PoolWorker worker)
    {
        var failed = new List<(ChunkTask Task, Exception Error)>();
        lock (Gate)
        {
            _workers.Remove(worker);
            if (State != PoolState.Terminated)
            {
                BreakIfNeverReady(worker);
                if (_broken is null)
                    FailRunningTask(worker, failed);
                RequeueUnstarted(worker);
                if (_broken is null && (State == PoolState.Running || _queue.Count > 0))
                    ReplaceWorker();
                if (_broken is not null)
                    failed.AddRange(TakeQueued().Select(task => (task, (Exception)_broken)));
                Pump();
            }
            if (_workers.Count == 0 && State != PoolState.Running)
                _allExited.TrySetResult();
        }
        worker.Process.Dispose();
        foreach (var (task, error) in failed)
            task.Fail(error);
    }

    /// <summary>
    /// A worker that dies before it is ready (the runtime could not start, or did not within the deadline) would die
    /// again: the pool breaks, with what the worker wrote.
    /// </summary>
    void BreakIfNeverReady(PoolWorker worker)
    {
        AssertGateHeld();
        if (!worker.Ready)
            _broken ??= new BrokenProcessPoolException(worker.Process.DescribeNotReady(), worker.Process.Pid, worker.Process.ExitCode);
    }

    /// <summary>The task a worker was running when it died is the one that killed it: it fails, and only it.</summary>
    static void FailRunningTask(PoolWorker worker, List<(ChunkTask Task, Exception Error)> failed)
    {
        if (worker.InFlight.TryDequeue(out var running))
            failed.Add((running.Task, new BrokenProcessPoolException(worker.Process.Failure is { } failure
                ? $"Worker process {worker.Process.Pid} {failure}, and was killed while running this task; the pool has replaced it."
                : $"Worker process {worker.Process.Pid} died (exit code {ExitCodeText(worker)}) while running this task. " +
                  "A task that calls Environment.Exit, crashes the runtime or is killed ends its worker; the pool has replaced it.",
                worker.Process.Pid, worker.Process.ExitCode)));
    }

    /// <summary>Tasks a dead worker had not started go back to the queue, in the order they were given.</summary>
    void RequeueUnstarted(PoolWorker worker)
    {
        AssertGateHeld();
        foreach (var unstarted in worker.InFlight)
            Requeue(unstarted);
        worker.InFlight.Clear();
    }

    /// <summary>Starts a worker in a dead one's place; when that fails too (out of processes or file handles), the pool breaks.</summary>
    void ReplaceWorker()
    {
        AssertGateHeld();
        try
        {
            StartWorker();
        }
        catch (Exception e) // this runs on a reader thread, so never throw
        {
            _broken = new BrokenProcessPoolException($"A replacement worker could not start: {e.Message}", inner: e);
        }
    }

    /// <summary>Empties the queue and returns what was in it, for the caller to fail: the one place queued work is given up.</summary>
    List<ChunkTask> TakeQueued()
    {
        AssertGateHeld();
        var queued = _queue.Select(q => q.Task).ToList();
        _queue.Clear();
        return queued;
    }

    static string ExitCodeText(PoolWorker worker) => worker.Process.ExitCode?.ToString() ?? "unknown";

    private protected override void OnClosed()
    {
        AssertGateHeld();
        if (_workers.Count == 0)
            _allExited.TrySetResult();
        Pump(); // stops idle workers
    }

    /// <inheritdoc/>
    public override void Terminate()
    {
        CancelFeeds();
        PoolWorker[] workers;
        var failed = new List<ChunkTask>();
        lock (Gate)
        {
            if (State == PoolState.Terminated)
                return;
            State = PoolState.Terminated;
            _aheadCheck?.Dispose();
            failed.AddRange(TakeQueued());
            foreach (var worker in _workers)
                failed.AddRange(worker.InFlight.Select(q => q.Task));
            workers = [.. _workers];
            if (_workers.Count == 0)
                _allExited.TrySetResult();
        }
        foreach (var worker in workers)
            worker.Process.Kill();
        foreach (var worker in workers)
            worker.Process.WaitForExit(TimeSpan.FromSeconds(5));
        var terminated = new InvalidOperationException("The pool was terminated before this task finished.");
        foreach (var task in failed)
            task.Fail(terminated);
    }

    private protected override bool WaitForWorkers(TimeSpan timeout) => _allExited.Task.Wait(timeout);
}
