// 02-processes-vs-threads.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/02-processes-vs-threads.cs
// Written from 02-processes-vs-threads.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Course.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
// A lesson runs on the full runtime, not as a native AOT program: file-based apps default to PublishAot,
// which turns dynamic code off, and Orleans's client (the cluster lesson) needs it.
#:property PublishAot=false
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Course.Apps;

LessonApp.Start("Q2. How do multiprocessing and multithreading differ?");

// # Q2. How do multiprocessing and multithreading differ?
//
// A **thread** is a path of execution inside a process. All the threads of a process share its
// memory. A **process** has its own memory, and at least one thread of its own.
//
// Python answers to this question usually say "threads for I/O, processes for CPU work", because of
// CPython's *Global Interpreter Lock* (GIL): only one thread at a time may run Python code.¹ **.NET
// has no GIL**, so that advice does not carry over. Here is the comparison made true for .NET;
// every row is backed by a cell below that you can run.
//
// | | Threads (`Thread`, `Task`, `Parallel`) | Processes (`ChildProcess`, `ProcessPool`) |
// |---|---|---|
// | CPU-bound code in parallel | **Yes.** No GIL: threads run .NET code on all cores at once. | Yes. |
// | Cores | The operating system schedules threads on any core. | The same: a process does **not** get a core of its own (measured below: more processes than this machine's cores take turns). |
// | Start-up cost | Small: a thread inside a running runtime. | Large: a new .NET runtime starts and loads assemblies. |
// | Memory per worker | A thread's stack (1.5 MB reserved on Linux, touched as it grows). | A whole runtime: tens of MB of working set each (measured below). |
// | Memory | Shared: every thread sees every object. | Separate: a child gets copies of its arguments (shared memory aside), and its own static fields, initialised afresh. Another process can still read it with permission, as a debugger does. |
// | Communication | Shared objects, guarded by `lock` or `Interlocked`. | Pipes (arguments and results as JSON) and shared memory (`SharedArray`, `SharedValue`). |
// | A crash | A `Task` or a `try` catches an ordinary exception; unhandled on a `Thread` or a thread-pool work item, it ends the whole process (in Python, the thread's exception is printed and the process carries on). So do a stack overflow and `FailFast`, and a runaway thread cannot be stopped. | Contained: an unhandled exception, a stack overflow or `FailFast` ends only the child; a runaway child can be killed. |
// | Debugging | Races: two threads change the same data at once (shown below). | The same races on shared memory, and state split across processes. |
// | Best for | CPU work: threads, `Parallel`, PLINQ. I/O: `async`/`await`. | Isolation from failures: code that may crash or hang (native code, say), work you must be able to kill or recycle. Not from attackers: a child runs as the same user, with the same files and network, and .NET has no in-process sandbox; untrusted code needs the operating system's (a container, a virtual machine, a restricted user). |
//
// ¹ Free-threaded CPython (PEP 703, made supported by PEP 779 in Python 3.14) removes the GIL as a
// build option; the standard build keeps it.

// ## CPU-bound work: threads run in parallel too
//
// Counting primes keeps a core busy. Each way below uses one worker per core, on 4 times as many
// counts as this machine has cores, each count sized on this machine so that the loop takes about
// half a second. The pools are started before the timing and reused, so what is timed is the work
// alone (start-up has its own cell below); the table says how many cores each way kept busy on
// average.

static int CountPrimes(int limit)
{
    int count = 0;
    for (int n = 2; n < limit; n++)
    {
        bool prime = true;
        for (int d = 2; d * d <= n; d++)
        {
            if (n % d == 0) { prime = false; break; }
        }
        if (prime) count++;
    }
    return count;
}

int cpuItems = WorkSize.ItemCount(perCore: 4);
int cpuLimit = WorkSize.Calibrate(CountPrimes, TimeSpan.FromSeconds(0.5) / cpuItems, start: 1_000);
var cpu = Compare.Run($"CPU-bound: primes below {cpuLimit:N0}, {cpuItems} times, on warm pools", CountPrimes, Enumerable.Repeat(cpuLimit, cpuItems),
    new CompareOptions(Repeats: 5, NewPoolEachRepeat: false));
LessonApp.Show(cpu);

Console.WriteLine(cpu.Verdict(RunMode.Threads));
Console.WriteLine(cpu.Verdict(RunMode.Processes));
Console.WriteLine(cpu.ClearlyFaster(RunMode.Threads)
    ? "Threads beat the loop on CPU-bound work: with no GIL, they ran on several cores at once."
    : cpu.IdealSpeedup <= 1
        ? "With one core, nothing runs in parallel: threads can at best match the loop, whatever the language."
        : "Threads did not clearly beat the loop this time: the runs' spread covers the difference. Run the cell again.");
if (cpu.ClearlyFaster(RunMode.Processes))
    Console.WriteLine("So did the warm worker processes: once started, a process pool adds only sending each number and its count through a pipe.");

// ## I/O-bound work: both help, because the work is waiting
//
// `Thread.Sleep` stands in for waiting on a disk or a network. A waiting thread uses no CPU, so
// more workers than cores still helps: the ideal is one wait per worker at a time, whatever the
// cores. Here each pool has 4 workers.

static int WaitFor(int milliseconds)
{
    Thread.Sleep(milliseconds);
    return milliseconds;
}

var io = Compare.Run("I/O-bound: 12 waits of 40 ms", WaitFor, Enumerable.Repeat(40, 12), new CompareOptions(Workers: 4, Repeats: 3, Work: WorkKind.Waiting));
LessonApp.Show(io);

Console.WriteLine(io.Verdict(RunMode.Threads));
Console.WriteLine(io.Verdict(RunMode.Processes));
Console.WriteLine(io.ClearlyFaster(RunMode.Processes)
    ? $"It paid to start {io.Workers} runtimes: overlapping the waits saved more than their start-up cost."
    : io.ClearlySlower(RunMode.Processes)
        ? $"It did not pay to start {io.Workers} runtimes this time: their start-up cost more than overlapping the waits saved."
        : $"Starting {io.Workers} runtimes about broke even this time: their start-up cost about what overlapping the waits saved.");

// In real .NET code, waiting needs neither a pool of threads nor processes: `async`/`await` lets
// one thread wait on many operations at once. The same 12 waits, all at once, as `Task.Delay`s:

var asyncClock = System.Diagnostics.Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Delay(40)));
Console.WriteLine($"12 waits of 40 ms with await Task.WhenAll: {asyncClock.Elapsed.TotalMilliseconds:0} ms, on no extra thread, against {io.Timing(RunMode.Sequential).Median.TotalMilliseconds:0} ms one after another.");

// ## Start-up cost: one thread against one process
//
// Each way runs a function that does nothing: a direct call, a new thread, and a new process, each
// started and waited for. This measures a cost, so the chart has no ideal line.

static void DoNothing() { }

var startup = Compare.Run("Start one, run nothing, wait for the end",
    sequential: DoNothing,
    threads: () =>
    {
        var thread = new Thread(DoNothing);
        thread.Start();
        thread.Join();
    },
    processes: () =>
    {
        using var child = new ChildProcess(DoNothing);
        child.Start();
        child.Join();
    },
    new CompareOptions(Workers: 1, Repeats: 5, Work: WorkKind.Overhead));
LessonApp.Show(startup);

var threadMs = startup.Timing(RunMode.Threads).Median.TotalMilliseconds;
var processMs = startup.Timing(RunMode.Processes).Median.TotalMilliseconds;
Console.WriteLine($"One thread: {threadMs:0.000} ms. One process: {processMs:0.0} ms, about {processMs / threadMs:0}× as long.");

// ## Memory per worker, and no core of its own
//
// A pool's worker is a whole runtime. Below, the working set of each worker of a pool of 2, against
// this process's; then more processes than this machine has cores (twice as many, plus one), each
// counting primes: if a process had a core of its own, they would take as long as one.

static long WorkingSetMb(int unused) => Environment.WorkingSet / 1_000_000;

using (var memoryPool = new ProcessPool(processes: 2))
{
    var workerMb = memoryPool.Map(WorkingSetMb, [0, 1], chunksize: 1);
    Console.WriteLine($"Each worker process: {PythonList.Format(workerMb)} MB of working set. A new thread reserves a stack of about 1.5 MB, and uses only what it touches.");
}

static int PrimesIn(int limit) => CountPrimes(limit);

// Twice as many processes as cores, plus one (at least 5; at most 65, about 2 GB of runtimes): on up to 32 cores, some must wait for a core.
int cores = Environment.ProcessorCount;
int crowd = Math.Clamp(2 * cores + 1, 5, 65);
var turns = Compare.Run($"Primes below 150,000 in 1 process, then in {crowd} at once",
    sequential: () => { using var one = ChildProcess.Create(PrimesIn, 150_000); one.Start(); one.Join(); },
    threads: null, // only processes can show this
    processes: () =>
    {
        var many = Enumerable.Range(0, crowd).Select(_ => ChildProcess.Create(PrimesIn, 150_000)).ToList();
        many.StartAll();
        many.JoinAll();
    },
    new CompareOptions(Workers: crowd, Repeats: 5, Work: WorkKind.Overhead));
var oneMs = turns.Timing(RunMode.Sequential).Median.TotalMilliseconds;
var crowdMs = turns.Timing(RunMode.Processes).Median.TotalMilliseconds;
var longer = crowdMs / oneMs;
var share = crowd / (double)cores;
Console.WriteLine($"One process alone: {oneMs:0} ms. {crowd} at once: {crowdMs:0} ms, {longer:0.0}× as long, keeping {turns.Timing(RunMode.Processes).CoresUsed:0.0} cores busy on {cores}.");
Console.WriteLine($"With a core each, {crowd} processes would take about as long as one. If each kept one core busy all its time, {cores} cores would need at least {crowd}/{cores} = {share:0.0}× as long: about {share * oneMs:0} ms.");
Console.WriteLine(longer >= 2
    ? $"They took {longer:0.0}× as long as one: the processes took turns for the cores. A process gets no core of its own; more processes than cores is over-subscription."
    : $"They took only {longer:0.0}× as long as one, so this run does not show the turns clearly: part of one process's time was not computing, and that part overlaps.");

// ## Memory: a child changes its own copy
//
// `Counter.Value` is a static field. A thread changes the parent's field; a child process
// initialises its own static field afresh, from its declaration (0 here), as a spawned Python child
// runs the module's top level again, and changes only that.

static void Increment()
{
    Counter.Value += 1;
    Console.WriteLine($"  in process {Environment.ProcessId}: Counter.Value = {Counter.Value}");
}

Console.WriteLine($"Parent {Environment.ProcessId} starts with Counter.Value = {Counter.Value}");

var thread = new Thread(Increment);
thread.Start();
thread.Join();
Console.WriteLine($"After a thread:  the parent sees {Counter.Value}");

using (var child = new ChildProcess(Increment))
{
    child.Start();
    child.Join();
}
Console.WriteLine($"After a process: the parent sees {Counter.Value}");

// Look at what the child printed: 1, not 2. The thread had already made the parent's field 1, but
// the child did not inherit it: its runtime initialised its own static field, at 0. Only what is
// passed as an argument, or put in shared memory, reaches a child.
//
// ## A data race, live, and its fixes
//
// Shared memory brings back the threads' problem. `count++` reads, adds and writes; two threads
// doing it at once overwrite each other's updates.

const int Increments = 5_000_000;
int racy = 0, locked = 0, atomic = 0;
var guard = new object();
// Both threads wait at the gate, so they really run at the same time.
void Twice(ThreadStart work)
{
    using var gate = new ManualResetEventSlim();
    var pair = Enumerable.Range(0, 2).Select(_ => new Thread(() => { gate.Wait(); work(); })).ToList();
    foreach (var t in pair) t.Start();
    gate.Set();
    foreach (var t in pair) t.Join();
}
// A race shows only when both threads run at the same moment; on a busy machine they may take turns instead,
// so the racy run is repeated (at most 20 times) until it loses an update.
int tries = 0;
do { racy = 0; Twice(() => { for (int i = 0; i < Increments; i++) racy++; }); }
while (racy == 2 * Increments && ++tries < 20);
Twice(() => { for (int i = 0; i < Increments; i++) lock (guard) locked++; });
Twice(() => { for (int i = 0; i < Increments; i++) Interlocked.Increment(ref atomic); });
Console.WriteLine($"Two threads × {Increments:N0} increments, expected {2 * Increments:N0}:");
Console.WriteLine($"  count++ with no lock:   {racy:N0} ({2 * Increments - racy:N0} updates lost, run {Math.Min(tries, 19) + 1} time(s))");
Console.WriteLine($"  count++ inside lock:    {locked:N0}");
Console.WriteLine($"  Interlocked.Increment:  {atomic:N0}");
if (racy == 2 * Increments)
    Console.WriteLine("  No update was lost in 20 runs: the two threads never ran count++ at the same moment (on one core, or with the cores busy, they took turns). The race is still there; run the cell again.");

// Processes sharing a `SharedValue` race the same way. Each child below says it is ready, in a
// count in shared memory, then waits until the parent says go; the parent says go only once both
// are ready (or after 30 s), so they really start adding together. Then each adds one many times,
// with or without the value's lock.

static void AddMany(SharedValue<int> counter, SharedValue<int> ready, SharedValue<int> go, int times, bool useLock)
{
    using (ready.GetLock().Acquire()) ready.Value += 1;
    while (go.Value == 0) Thread.Yield();
    for (int i = 0; i < times; i++)
    {
        if (useLock) { using (counter.GetLock().Acquire()) counter.Value += 1; }
        else counter.Value += 1;
    }
}

static int RaceInChildren(int times, bool useLock)
{
    using var counter = new SharedValue<int>(0);
    using var ready = new SharedValue<int>(0);
    using var go = new SharedValue<int>(0);
    var adders = Enumerable.Range(0, 2).Select(_ => new ChildProcess((Action<SharedValue<int>, SharedValue<int>, SharedValue<int>, int, bool>)AddMany, counter, ready, go, times, useLock)).ToList();
    adders.StartAll();
    // Both children are running, and waiting, before either adds; bounded, so a child that cannot start does not hang the cell.
    var waited = System.Diagnostics.Stopwatch.StartNew();
    while (ready.Value < adders.Count && waited.Elapsed < TimeSpan.FromSeconds(30)) Thread.Yield();
    go.Value = 1;
    adders.JoinAll();
    return counter.Value;
}

// Without the lock, each child adds for longer than the operating system lets a process run before it switches (a few ms),
// so the two overlap even when other programs keep the cores busy; with it, fewer, since each locked add costs more.
const int RacingIncrements = 5_000_000;
const int ChildIncrements = 500_000;
// As with threads, the children must run at the same moment to collide: try again (at most 10 times) until they do.
int unlockedTotal, childTries = 0;
do unlockedTotal = RaceInChildren(RacingIncrements, useLock: false);
while (unlockedTotal == 2 * RacingIncrements && ++childTries < 10);
int lockedTotal = RaceInChildren(ChildIncrements, useLock: true);
Console.WriteLine("Two processes add one to a SharedValue many times each, at the same time:");
Console.WriteLine($"  without the lock: {unlockedTotal:N0} of {2 * RacingIncrements:N0} ({2 * RacingIncrements - unlockedTotal:N0} updates lost, run {Math.Min(childTries, 9) + 1} time(s))");
Console.WriteLine($"  with the lock:    {lockedTotal:N0} of {2 * ChildIncrements:N0}");
if (unlockedTotal == 2 * RacingIncrements)
    Console.WriteLine("  No update was lost in 10 runs: the two children never added at the same moment (on one core, or with the cores busy, each ran its increments while the other waited for a core). The race is still there; run the cell again.");

// A lock held by a process that dies is not stuck. A `SharedValue`'s lock records who holds it (an
// identity that ends with the holder's process; not its pid, which means nothing to a process in
// another container), and the next `Acquire` takes it over from a dead holder. But the dead process
// may have been half-way through an update, so that `Acquire` says so: it throws
// `AbandonedMutexException` (as a named `Mutex` does), holding the lock, for the caller to check or
// repair the data and then `Release`. (Python's `multiprocessing.Lock` gives no such sign: a lock
// whose holder was killed stays locked, and the next `acquire()` waits for ever.) Below, a child
// takes the lock, writes half of an update, and is killed:

static void DieHoldingTheLock(SharedValue<int> balance, SharedValue<int> holding)
{
    balance.GetLock().Acquire();   // never released: this process is killed while it holds the lock
    balance.Value = -1;            // half-way through an update
    holding.Value = 1;
    Thread.Sleep(Timeout.Infinite);
}

using (var balance = new SharedValue<int>(100))
using (var holding = new SharedValue<int>(0))
using (var holder = ChildProcess.Create(DieHoldingTheLock, balance, holding))
{
    holder.Start();
    var watch = System.Diagnostics.Stopwatch.StartNew();
    while (holding.Value == 0 && watch.Elapsed < TimeSpan.FromSeconds(30)) Thread.Yield();
    holder.Kill();
    holder.Join(TimeSpan.FromSeconds(5));
    try
    {
        using (balance.GetLock().Acquire())
            Console.WriteLine($"The lock was taken with no sign that its holder died; the value is {balance.Value}.");
    }
    catch (AbandonedMutexException e)
    {
        Console.WriteLine($"The child was killed (exit code {holder.ExitCode}) holding the lock. The next Acquire took it over, and threw {e.GetType().Name}: {e.Message}");
        Console.WriteLine($"The value it guards reads {balance.Value}: half-written. This process holds the lock now, repairs the value, then releases it.");
        balance.Value = 100;
        balance.GetLock().Release();
    }
}

// ## What a crash can and cannot take down
//
// This child throws an exception. The worker host in the child catches it, prints it to the child's
// standard error (shown below) and exits with code 1, as CPython's child does; the parent carries
// on.

static void Crash() => throw new InvalidOperationException("something broke in the child");

using (var crashed = new ChildProcess(Crash))
{
    crashed.Start();
    crashed.Join();
    Console.WriteLine($"The child exited with code {crashed.ExitCode}; the parent, process {Environment.ProcessId}, is still running.");
}

// A thread does not contain that failure by itself. A `Task` or a `try` catches it: the `Task`
// keeps the exception and hands it to whoever awaits it. Unhandled on a `Thread` or a thread-pool
// work item (`ThreadPool.QueueUserWorkItem`), it ends the whole process, as it has since .NET
// Framework 2.0; in this notebook that process is the kernel. Here Python's answer does not hold
// for .NET: in Python, `threading.excepthook` prints a thread's unhandled exception and the process
// carries on.

try { await Task.Run(Crash); }
catch (InvalidOperationException e) { Console.WriteLine($"The task failed with \"{e.Message}\"; this process carried on, with no process started."); }

// A process contains it. The child below starts a `Thread` that throws, and nothing catches the
// exception: it ends the child, not this notebook.

static void CrashOnAThread()
{
    var thread = new Thread(Crash);
    thread.Start();
    thread.Join(); // does not return: the thread's exception ends this process first
}

using (var threadCrash = new ChildProcess(CrashOnAThread))
{
    threadCrash.Start();
    bool ended = threadCrash.Join(TimeSpan.FromSeconds(30));
    Console.WriteLine(ended && threadCrash.ExitCode is not (0 or 1)
        ? $"The exception on the child's thread ended the whole child, with exit code {threadCrash.ExitCode} (not the 1 of an exception its worker host catches); the parent, process {Environment.ProcessId}, is still running."
        : $"The child {(ended ? $"exited with code {threadCrash.ExitCode}" : "still ran after 30 s")}; the parent, process {Environment.ProcessId}, is still running.");
}

// What no `try` can catch: a stack overflow and `Environment.FailFast` end the process they happen
// in, whatever `catch` you write. On a thread, they would end this notebook's kernel. In a child,
// only the child ends:

static int Recurse(int depth) => Recurse(depth + 1) + 1;
static void Overflow() => Recurse(0);
static void GiveUp() => Environment.FailFast("the child gave up");

foreach (var (name, target) in new (string, Action)[] { ("a stack overflow", Overflow), ("Environment.FailFast", GiveUp) })
{
    using var doomed = new ChildProcess(target);
    doomed.Start();
    doomed.Join();
    Console.WriteLine($"After {name}, the child exited with code {doomed.ExitCode}; the parent is still running.");
}

// And a runaway: .NET 5 and later have no `Thread.Abort`, so a thread that never checks for
// cancellation cannot be stopped from outside. A process can be killed.

static void Spin() { while (true) { } }

try { new Thread(() => { }).Abort(); }
catch (PlatformNotSupportedException e) { Console.WriteLine($"Thread.Abort: {e.GetType().Name}. A runaway thread runs until the process ends."); }

using (var runaway = new ChildProcess(Spin))
{
    runaway.Start();
    Console.WriteLine($"After 300 ms the runaway child is still running: {!runaway.Join(TimeSpan.FromMilliseconds(300))}.");
    runaway.Kill();
    runaway.Join(TimeSpan.FromSeconds(5));
    Console.WriteLine(OperatingSystem.IsWindows()
        ? $"Killed, it exited with code {runaway.ExitCode}."
        : $"Killed, it exited with code {runaway.ExitCode} (128 + SIGKILL's 9).");
}

// ## Summary
//
// - Threads share memory and run on every core in .NET; processes share nothing unless you set it
//   up (arguments, shared memory), and each costs a runtime's start-up and memory.
// - Neither gets a core of its own: more workers than cores take turns, unless the work is waiting,
//   where `async` needs no extra thread at all.
// - Shared data races in both; `lock`, `Interlocked` and a `SharedValue`'s lock fix it. A lock
//   whose holder died is taken over by the next `Acquire`, which throws `AbandonedMutexException`:
//   the data may be half-written.
// - A `Task` or a `try` catches an ordinary exception; unhandled on a `Thread` or a thread-pool
//   work item, it ends the whole process (in Python, the thread's exception is printed and the
//   process carries on). A process contains it, and a stack overflow, `FailFast` or a runaway loop
//   too.
//
// ## Exercise
//
// Make a counter that children *can* share. Write `AddOne` so it adds one to `counter.Value`,
// `times` times. Four children run it at the same time, so hold the counter's lock while you change
// it, and take it as few times as you can: add one `times` times to a local variable, then add that
// total to `counter.Value` once, inside `using (counter.GetLock().Acquire()) { ... }`. (Lesson 7
// times a lock per addition against this.) If you are stuck after a try, run `Exercise.Hint()` in a
// new cell: it shows a code skeleton.

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static void AddOne(SharedValue<int> counter, int times)
{
    // Your code here.
}
// ▲ End of your answer.

// Each child says it is ready, then adds. The counter starts at 1,000, not 0, so an answer that sets it instead of adding
// shows. The parent holds the counter's lock while the children start: a child that takes the lock waits, so the counter
// stays at 1,000 until the parent lets go. A child that does not take it shows.
static void AddOneWhenReady(SharedValue<int> counter, SharedValue<int> ready, int times)
{
    using (ready.GetLock().Acquire()) ready.Value += 1;
    AddOne(counter, times);
}

const int Times = 200_000;
const int CounterStart = 1_000;
using (var shared = new SharedValue<int>(CounterStart))
using (var ready = new SharedValue<int>(0))
{
    var adders = Enumerable.Range(0, 4).Select(_ => ChildProcess.Create(AddOneWhenReady, shared, ready, Times)).ToList();
    bool changedUnderOurLock;
    using (shared.GetLock().Acquire())
    {
        adders.StartAll();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (ready.Value < 4 && watch.Elapsed < TimeSpan.FromSeconds(30)) Thread.Yield();
        watch.Restart(); // all four are adding now: watch the counter for half a second
        while (shared.Value == CounterStart && watch.ElapsedMilliseconds < 500) Thread.Yield();
        changedUnderOurLock = shared.Value != CounterStart;
    }
    // Bounded: children still running after a minute are stopped, and the check says so.
    string? late = ExerciseChildren.JoinAll(adders, TimeSpan.FromSeconds(60), "AddOne");
    string problem =
        late is not null ? late
        : changedUnderOurLock ? "the counter changed while the parent held its lock, so AddOne changes it without taking the lock. Four processes changing one value at once lose updates."
        : shared.Value != CounterStart + 4 * Times ? $"the parent sees {shared.Value:N0}, expected {CounterStart:N0} + 4 × {Times:N0} = {CounterStart + 4 * Times:N0}. Each child adds its own count to what is already there, not a total of its own."
        : "";
    Exercise.Check("AddOne", problem == "",
        $"four processes each added one {Times:N0} times to {CounterStart:N0}, and the parent sees {shared.Value:N0}.",
        problem,
        """
        static void AddOne(SharedValue<int> counter, int times)
        {
            int counted = 0;
            // count to times in counted: no lock needed, it is this process's own variable
            using (counter.GetLock().Acquire())
            {
                // one change to counter.Value, while the lock is held
            }
        }
        """);
}

LessonApp.Finish();

static class Counter
{
    public static int Value;
}
