// 01-what-is-multiprocessing.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/01-what-is-multiprocessing.cs
// Written from 01-what-is-multiprocessing.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Multiprocessing.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Multiprocessing.Apps;

LessonApp.Start("Q1. What is multiprocessing, and why is it useful?");

// # Q1. What is multiprocessing, and why is it useful?
//
// A **process** is a running program: it has its own memory, its own threads and its own process id
// (pid). The operating system keeps processes apart: one cannot read or break another's memory,
// unless both set up shared memory on purpose.
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

// This notebook's code runs in one process, the .NET Interactive kernel:

Console.WriteLine($"This notebook runs in process {Environment.ProcessId}; the machine has {Environment.ProcessorCount} logical cores.");

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
// with Pool(5) as pool:
//     print(pool.map(square, range(10)))
// ```
//
// In C#, the function must be `static`: a child process cannot see this notebook's variables, so it
// runs a method that needs nothing but its argument. Each call prints which process ran it.

static int Square(int x)
{
    Console.WriteLine($"process {Environment.ProcessId} squares {x}");
    return x * x;
}

List<int> squares;
using (var pool = new ProcessPool(processes: 5))
    squares = pool.Map(Square, Enumerable.Range(0, 10));

Console.WriteLine($"[{string.Join(", ", squares)}]");

// The lines above came from up to five different pids: the pool's worker processes. `Map` split the
// ten numbers among them, and gave the results back **in input order**, whichever worker finished
// first.
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
// counts, as it would in a real program. First, work so small that it takes nanoseconds:

static int Times2(int x) => x * 2;

var trivial = Compare.Run("Trivial work: x * 2 for 1,000 numbers", Times2, Enumerable.Range(0, 1_000), new CompareOptions(Repeats: 3));
LessonApp.Show(trivial);

// Now CPU-heavy work: counting the primes below 600,000 by trial division, 8 times over. Each count
// takes a core tens of milliseconds or more.

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

var heavy = Compare.Run("CPU-heavy work: primes below 600,000, 8 times", CountPrimes, Enumerable.Repeat(600_000, 8), new CompareOptions(Repeats: 3, Warmups: 0));
LessonApp.Show(heavy);

// What your machine just measured:

var startup = trivial.Timing(RunMode.Processes).Median - trivial.Timing(RunMode.Sequential).Median;
Console.WriteLine($"Trivial work: processes were {trivial.Faster(RunMode.Processes)} than the loop; starting the pool and sending the data cost about {startup.TotalMilliseconds:0} ms.");
Console.WriteLine($"Heavy work:   processes were {heavy.Faster(RunMode.Processes)} than the loop, threads {heavy.Faster(RunMode.Threads)}; the best possible on {heavy.Machine.Cores} cores is {heavy.IdealSpeedup}× faster.");
Console.WriteLine(heavy.Speedup(RunMode.Processes) > 1
    ? "So processes lost on trivial work and paid off on heavy work."
    : "Processes did not pay off on heavy work this time: with one core, or cores busy with other programs, there is nothing to run them on in parallel. Try a bigger limit.");

// **Why.** A process pool pays a fixed cost: a runtime starts for each worker, and every item and
// result is serialized, sent through a pipe and read back. When each item takes nanoseconds, that
// cost is all you measure, and processes lose badly. When each item takes tens of milliseconds, the
// cost is small beside the work, and the cores run it in parallel.
//
// In standard CPython, threads could not have sped up the heavy work, because the GIL lets one
// thread run Python code at a time. .NET has no GIL: threads can run the heavy work on all cores
// too, without the start-up and copying costs; compare the Threads bar. Lesson 2 looks at that
// difference.
//
// ## Exercise
//
// Write `SumOfSquares(n)`: the sum of `i * i` for `i` from 1 to `n`, as a `long`. Then run the
// check cell, which maps it over a pool.

static long SumOfSquares(int n)
{
    // Your code here: add up i * i for i = 1 .. n.
    return 0;
}

int[] inputs = [1, 10, 1_000, 100_000];
List<long> answers;
using (var pool = new ProcessPool(processes: 2))
    answers = pool.Map(SumOfSquares, inputs);

var expected = inputs.Select(n => (long)n * (n + 1) * (2L * n + 1) / 6).ToList();
Console.WriteLine(answers.SequenceEqual(expected)
    ? $"✓ Correct: {string.Join(", ", answers)}, computed in worker processes."
    : $"✗ Not yet: got {string.Join(", ", answers)}, expected {string.Join(", ", expected)}. Hint: use a long for the sum, and a loop from 1 to n.");

LessonApp.Finish();
