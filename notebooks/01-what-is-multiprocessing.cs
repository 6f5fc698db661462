// 01-what-is-multiprocessing.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/01-what-is-multiprocessing.cs
// Written from 01-what-is-multiprocessing.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
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

LessonApp.Start("Q1. What is multiprocessing, and why is it useful?");

// # Q1. What is multiprocessing, and why is it useful?
//
// A **process** is a running program: it has its own memory, its own threads and its own process id
// (pid). The operating system keeps processes apart: one cannot read or change another's memory by
// accident. Only memory both share on purpose, or a process given the permission to look inside
// another (as a debugger is, through `ptrace` on Linux), gets past that wall.
//
// **Multiprocessing** means splitting work across several processes that run at the same time. The
// operating system schedules them on all the machine's cores, so CPU-heavy work can finish sooner,
// and a crash in one process does not take down the others.
//
// This lesson runs the classic Python example in C#, then measures when processes pay off on *your*
// machine.
//
// Run the first cell before any other: it builds and loads the course helpers (the
// `Multiprocessing` library, which mirrors Python's `multiprocessing` names).

// This lesson's code runs in one process: the notebook's kernel, or the app when you run the
// lesson's `.cs` file.

Console.WriteLine($"This lesson runs in process {Environment.ProcessId}; the machine has {Environment.ProcessorCount} logical cores.");

// ## The original example: a pool of 5 processes squares 0..9
//
// In Python:
//
// ```python
// from multiprocessing import Pool
//
// def square(x):
//     return x * x
//
// if __name__ == "__main__":
//     with Pool(5) as pool:
//         print(pool.map(square, range(10)))
// ```
//
// **How a child starts.** Python starts a child one of three ways: *fork* copies the parent
// (Linux's default up to Python 3.13), *spawn* starts a fresh interpreter that imports your file
// again (Windows, macOS), and *forkserver* forks from a small clean server (Linux from Python
// 3.14). Under spawn and forkserver, the `if __name__ == "__main__":` guard keeps each child, as it
// imports the file, from running the pool code again (Python would stop it with a `RuntimeError`,
// since a child may not start processes while it is still bootstrapping). A .NET child is like
// spawn: a fresh runtime that loads the notebook's compiled code, receives only the arguments it is
// passed, and initialises its static fields afresh. It runs only the target method, never the cell
// that created the pool, so .NET needs no guard. It is also why the target must be `static`: a
// child cannot see this notebook's variables, so it runs a method that needs nothing but its
// argument.
//
// Each call prints which process ran it.

static int Square(int x)
{
    Console.WriteLine($"process {Environment.ProcessId} squares {x}");
    return x * x;
}

List<int> squares;
using (var pool = new ProcessPool(processes: 5))
    squares = pool.Map(Square, Enumerable.Range(0, 10));
LessonApp.Show(squares);

// The lines above came from the pool's worker processes, up to five different pids, never this
// notebook's: each idle worker takes the next number. A worker that is ready first may take several
// numbers, or all ten, before the others have even started, since squaring takes microseconds and
// starting a process takes milliseconds. `Map` gave the results back **in input order**, whichever
// worker finished first.
//
// ## Why is it useful? Measure it
//
// Processes are not free. Starting one means starting a new .NET runtime, and every argument and
// result travels between processes as bytes (here, JSON through a pipe). So the same `Map` is timed
// three ways below:
//
// - **Sequential**: a plain loop in this process.
// - **Threads**: a pool of threads in this process, sharing its memory.
// - **Processes**: a pool of worker processes.
//
// Each pool has one worker per core, and a fresh pool is started in every timed run, so start-up
// counts, as it would in a real program. Every mode runs the same code, compiled with optimizations
// (the setup cell turns them on: a notebook cell is otherwise compiled as Debug, and runs
// unoptimized), and the timed function is brought to its optimized code in this process before
// anything is timed. A fresh worker process starts cold all the same: its runtime compiles each
// method when first called, quickly and unoptimized, and optimizes it only once it runs hot, so
// that too is part of what a new process costs. Each measurement runs every mode once to warm up,
// then several times, and reports the median; the table also says how many cores each mode kept
// busy on average, counting the worker processes' CPU time. First, work so small that it takes
// nanoseconds, so what is measured is the cost of the processes (an overhead: no ideal line):

static int Times2(int x) => x * 2;

var trivial = Compare.Run("Trivial work: x * 2 for 1,000 numbers", Times2, Enumerable.Range(0, 1_000), new CompareOptions(Repeats: 5, Work: WorkKind.Overhead));
LessonApp.Show(trivial);

// Now CPU-heavy work: counting the primes below a limit by trial division, 4 times as many counts
// as this machine has cores, so a pool of one worker per core runs them in 4 full rounds. The limit
// is chosen on this machine so that the loop takes about three quarters of a second: every machine
// runs the same story, in about the same time.

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

int heavyItems = WorkSize.ItemCount(perCore: 4);
int heavyLimit = WorkSize.Calibrate(CountPrimes, TimeSpan.FromSeconds(0.75) / heavyItems, start: 1_000);
var heavy = Compare.Run($"CPU-heavy work: primes below {heavyLimit:N0}, {heavyItems} times", CountPrimes, Enumerable.Repeat(heavyLimit, heavyItems), new CompareOptions(Repeats: 5));
LessonApp.Show(heavy);

// What your machine just measured:

var startup = trivial.Timing(RunMode.Processes).Median - trivial.Timing(RunMode.Sequential).Median;
var predicted = heavy.Predicted(startup);
Console.WriteLine($"Trivial work: processes were {trivial.Faster(RunMode.Processes)} than the loop; starting the pool and sending the data cost about {startup.TotalMilliseconds:0} ms.");
Console.WriteLine($"Heavy work:   {heavy.Verdict(RunMode.Processes)}");
Console.WriteLine($"              {heavy.Verdict(RunMode.Threads)}");
Console.WriteLine($"Predicted for processes: the loop's {heavy.Timing(RunMode.Sequential).Median.TotalMilliseconds:0} ms divided by the ideal {heavy.Ideal} ({heavy.Ideal!.Reason}), plus {startup.TotalMilliseconds:0} ms of start-up = {predicted.TotalMilliseconds:0} ms; measured {heavy.Timing(RunMode.Processes).Median.TotalMilliseconds:0} ms.");
Console.WriteLine(heavy.ClearlyFaster(RunMode.Processes) && trivial.ClearlySlower(RunMode.Processes)
    ? "So processes lost on trivial work and paid off on heavy work, by more than the runs' spread."
    : heavy.IdealSpeedup <= 1
        ? "With one core there is nothing to run in parallel: the best any pool can do is match the loop, and processes still pay their start-up."
        : heavy.ClearlySlower(RunMode.Processes)
            ? $"On heavy work too, processes were slower than the loop here: starting {heavy.Workers} workers cost more than sharing the loop's work among them saved (the prediction above shows both parts). With more work per worker, they would pay off."
            : "This time the heavy work did not clearly pay off with processes: the runs' spread covers the difference. Run the cell again.");

// **Why.** A process pool pays a fixed cost: a runtime starts for each worker, and every item and
// result is serialized, sent through a pipe and read back. When each item takes nanoseconds, that
// cost is all you measure, and processes lose badly. When the work takes far longer than starting
// the pool, the cost is small beside it, and the cores run the work in parallel.
//
// In standard CPython, threads could not have sped up the heavy work, because the GIL lets one
// thread run Python code at a time. .NET has no GIL: threads can run the heavy work on all cores
// too, without the start-up and copying costs; compare the Threads bar. Lesson 2 looks at that
// difference. (Free-threaded CPython, PEP 703 and PEP 779, removes the GIL as an option from Python
// 3.13; the standard build still has it.)
//
// In everyday .NET code you would not write a pool for this: `Parallel.ForEach` or PLINQ's
// `AsParallel()` runs the same loop on every core, in this process.

var plinqClock = System.Diagnostics.Stopwatch.StartNew();
var plinqCounts = Enumerable.Repeat(heavyLimit, heavyItems).AsParallel().Select(CountPrimes).ToList();
plinqClock.Stop();
Console.WriteLine($"PLINQ: {plinqCounts.Count} counts in {plinqClock.Elapsed.TotalMilliseconds:0} ms, against the loop's median {heavy.Timing(RunMode.Sequential).Median.TotalMilliseconds:0} ms (one run, after the measurement above warmed the code up).");

// ## Summary
//
// - A process pool pays a fixed cost: runtimes to start, and arguments and results to copy. On
//   trivial work that cost is everything you measure.
// - On heavy work, processes and threads both use every core; threads skip the cost, which .NET's
//   lack of a GIL allows.
// - A speedup only counts when it is bigger than the spread of the runs, and the cores busy tell
//   you whether the machine had cores to give.
//
// ## Exercise
//
// Write `SumOfSquares(n)`: the sum of `i * i` for `i` from 1 to `n`, as a `long`. Then run the
// check cell, which maps it over a pool of worker processes. Mind the sizes: `i * i` is past
// `int.MaxValue` once `i` passes 46,340. If you are stuck after a try, run `Exercise.Hint()` in a
// new cell: it shows a code skeleton.

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static long SumOfSquares(int n)
{
    // Your code here: add up i * i for i = 1 .. n.
    return 0;
}
// ▲ End of your answer.

// SumOfSquares runs in worker processes, so a loop that never ends can be stopped: the wait is bounded, and leaving the
// using block terminates the pool, which kills its workers, busy or not.
int[] inputs = [1, 10, 1_000, 100_000];
var expected = inputs.Select(n => (long)n * (n + 1) * (2L * n + 1) / 6).ToList();
var sumLimit = TimeSpan.FromSeconds(20);
List<long>? answers = null;
string sumProblem = "";
using (var checkPool = new ProcessPool(processes: 2))
{
    try
    {
        answers = checkPool.MapAsync(SumOfSquares, inputs).Get(sumLimit);
    }
    catch (TimeoutException)
    {
        sumProblem = $"SumOfSquares did not finish within {sumLimit.TotalSeconds:0} s in the pool's worker processes (pids {PythonList.Format(checkPool.WorkerPids)}), which were stopped. A loop whose counter can never pass n runs for ever.";
    }
    catch (RemoteException e)
    {
        sumProblem = $"SumOfSquares threw {e.RemoteType} in a worker process: {e.Message}";
    }
}
if (answers is not null && !answers.SequenceEqual(expected))
    sumProblem = $"got {PythonList.Format(answers)}, expected {PythonList.Format(expected)}. A sum of squares outgrows an int: each square, not only the total, must be computed in 64 bits.";
Exercise.Check("SumOfSquares", sumProblem == "",
    $"{PythonList.Format(answers ?? [])}, computed in worker processes.",
    sumProblem,
    """
    static long SumOfSquares(int n)
    {
        long total = …;
        for (… i = 1; i <= n; i++)   // which type keeps i * i from overflowing?
            total += …;
        return total;
    }
    """);

LessonApp.Finish();
