// 02-processes-vs-threads.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/02-processes-vs-threads.cs
// Written from 02-processes-vs-threads.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Multiprocessing.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Multiprocessing.Apps;

LessonApp.Start("Q2. How do multiprocessing and multithreading differ?");

// # Q2. How do multiprocessing and multithreading differ?
//
// A **thread** is a path of execution inside a process. All the threads of a process share its
// memory. A **process** has its own memory, and at least one thread of its own.
//
// Python answers to this question usually say "threads for I/O, processes for CPU work", because of
// CPython's *Global Interpreter Lock* (GIL): only one thread at a time may run Python code. **.NET
// has no GIL**, so that advice does not carry over. Here is the comparison made true for .NET;
// every row is backed by a cell below that you can run.
//
// | | Threads (`Thread`, `ThreadWorkerPool`) | Processes (`ChildProcess`, `ProcessPool`) |
// |---|---|---|
// | CPU-bound code in parallel | **Yes.** No GIL: threads run .NET code on all cores at once. | Yes. |
// | Cores | The operating system schedules threads on any core. | The same: a process does **not** get a core of its own; the OS schedules its threads like any others. |
// | Start-up cost | Small: a thread inside a running runtime. | Large: a new .NET runtime starts and loads assemblies. |
// | Memory | Shared: every thread sees every object. | Separate: a child gets copies of its arguments (shared memory aside), and its own fresh static fields. |
// | Communication | Shared objects, guarded by locks. | Pipes (arguments and results as JSON) and shared memory (`SharedArray`, `SharedValue`). |
// | A crash | An unhandled exception on any thread ends the whole process. | Stays in the child; the parent sees an exit code. |
// | Debugging | Races: two threads change the same data at once. | Few races, but state is split across processes and harder to inspect. |

// ## CPU-bound work: threads run in parallel too
//
// Counting primes keeps a core busy. Each way below uses one worker per core.

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

var cpu = Compare.Run("CPU-bound: primes below 400,000, 8 times", CountPrimes, Enumerable.Repeat(400_000, 8), new CompareOptions(Repeats: 3, Warmups: 0));
LessonApp.Show(cpu);

Console.WriteLine($"Threads: {cpu.Faster(RunMode.Threads)} than the loop. Processes: {cpu.Faster(RunMode.Processes)}. Ideal on {cpu.Machine.Cores} cores: {cpu.IdealSpeedup}× faster.");
Console.WriteLine(cpu.Speedup(RunMode.Threads) > 1.2
    ? "Threads beat the loop on CPU-bound work: with no GIL, they ran on several cores at once."
    : "Threads did not beat the loop this time; on a machine with one core, or one busy with other work, nothing runs in parallel.");

// ## I/O-bound work: both help, because the work is waiting
//
// `Thread.Sleep` stands in for waiting on a disk or a network. A waiting thread uses no CPU, so
// more workers than cores still helps. Here each pool has 4 workers.

static int WaitFor(int milliseconds)
{
    Thread.Sleep(milliseconds);
    return milliseconds;
}

var io = Compare.Run("I/O-bound: 12 waits of 40 ms", WaitFor, Enumerable.Repeat(40, 12), new CompareOptions(Workers: 4, Repeats: 3));
LessonApp.Show(io);

Console.WriteLine($"Threads: {io.Faster(RunMode.Threads)} than the loop; processes: {io.Faster(RunMode.Processes)}, after paying to start {io.Workers} runtimes.");

// In real .NET code, I/O-bound work usually needs neither: `async`/`await` lets one thread wait on
// many operations at once.
//
// ## Start-up cost: one thread against one process
//
// Each way runs a function that does nothing: a direct call, a new thread, and a new process, each
// started and waited for.

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
    new CompareOptions(Workers: 1, Repeats: 5));
LessonApp.Show(startup);

var threadMs = startup.Timing(RunMode.Threads).Median.TotalMilliseconds;
var processMs = startup.Timing(RunMode.Processes).Median.TotalMilliseconds;
Console.WriteLine($"One thread: {threadMs:0.000} ms. One process: {processMs:0.0} ms, about {processMs / threadMs:0}× as long.");

// ## Memory: a child changes its own copy
//
// `Counter.Value` is a static field. A thread changes the parent's field; a child process changes a
// field in its own memory, which the parent never sees.

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

// To share data between processes, set it up on purpose: see `SharedValue` in the exercise below.
//
// ## A crash stays in the child
//
// This child throws an exception nobody catches. Its error goes to its own standard error (shown
// below), it exits with code 1, and the parent carries on.

static void Crash() => throw new InvalidOperationException("something broke in the child");

using (var child = new ChildProcess(Crash))
{
    child.Start();
    child.Join();
    Console.WriteLine($"The child exited with code {child.ExitCode}; the parent, process {Environment.ProcessId}, is still running.");
}

// The same exception on a thread would be unhandled in *this* process and end it, which here is the
// notebook's kernel. That is why this lesson does not run it.
//
// ## Exercise
//
// Make a counter that children *can* share. Write `AddOne` so it adds one to `counter.Value`. Four
// children run it at the same time, so hold the counter's lock while you change it: `using
// (counter.GetLock().Acquire()) { ... }`.

static void AddOne(SharedValue<int> counter)
{
    // Your code here.
}

using (var counter = new SharedValue<int>(0))
{
    var children = Enumerable.Range(0, 4).Select(_ => ChildProcess.Create(AddOne, counter)).ToList();
    children.ForEach(c => c.Start());
    children.ForEach(c => { c.Join(); c.Dispose(); });
    Console.WriteLine(counter.Value == 4
        ? "✓ Correct: four processes each added one, and the parent sees 4."
        : $"✗ Not yet: the parent sees {counter.Value}, expected 4. Hint: counter.Value += 1, inside the lock.");
}

LessonApp.Finish();

static class Counter
{
    public static int Value;
}
