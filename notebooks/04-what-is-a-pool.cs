// 04-what-is-a-pool.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/04-what-is-a-pool.cs
// Written from 04-what-is-a-pool.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Multiprocessing.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
// A lesson runs on the full runtime, not as a native AOT program: file-based apps default to PublishAot,
// which turns dynamic code off, and Orleans's client (the cluster lesson) needs it.
#:property PublishAot=false
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Multiprocessing.Apps;

LessonApp.Start("Q4. What is a pool, and why use it?");

// # Q4. What is a pool, and why use it?
//
// A **pool** is a fixed set of worker processes, started once and reused for many tasks. You hand
// it work; it hands back results.
//
// 1. **Create the pool.** `new ProcessPool(processes: n)` starts `n` worker processes (one per core
//    if you leave `n` out).
// 2. **Submit tasks.** `Apply`/`ApplyAsync` send one call; `Map`/`MapAsync` send one call per item
//    of a sequence, split into chunks.
// 3. **Workers run them.** The tasks wait in a queue, in the order you gave them. Whenever a worker
//    is idle, the pool sends it the task at the head of the queue, so tasks start in the order
//    given, a task waits only while every worker is busy, and the work spreads across the workers
//    by itself. Python's workers pull the next task from a shared queue, with the same result. (One
//    refinement: a worker whose last few tasks each took under a millisecond is sent one task
//    ahead, so it does not sit idle while the next one crosses the pipe; if that task has not
//    started when another worker goes idle, the pool takes it back.)
// 4. **Results come back** to the parent. `Map` returns them in input order, whichever worker
//    finished first.
// 5. **Close it.** `Close` then `Join` lets the workers finish and exit; `Dispose` (the end of a
//    `using` block) stops them at once, like leaving Python's `with Pool() as pool:`.
//
// Why not start a process per task? Each process start costs tens of milliseconds or more (lesson
// 3; the end of this lesson measures it here). A pool pays it once per worker, however many tasks
// follow. Pool workers also die with their parent on purpose: a pool's workers exist only to serve
// it, so none outlives the program that made it.

static int Square(int x) => x * x;

static int SlowSquare(int x)
{
    Thread.Sleep(200);
    return x * x;
}

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

// ## Step 1: create the pool

var pool = new ProcessPool(processes: 2);
Console.WriteLine($"The pool started {pool.Processes} workers: pids {PythonList.Format(pool.WorkerPids)}. This lesson runs in process {Environment.ProcessId}.");

// ## Step 2: submit tasks, four ways
//
// `Apply` runs one call in a worker and waits for its result: Python's `pool.apply(f, args)`.

Console.WriteLine($"pool.Apply(Square, 7) = {pool.Apply(Square, 7)}");

// `ApplyAsync` returns at once with an `AsyncResult`; `Get` waits for the value (always give it a
// timeout).

var pending = pool.ApplyAsync(SlowSquare, 8);
Console.WriteLine($"Just after ApplyAsync: Ready = {pending.Ready}");
Console.WriteLine($"pending.Get(timeout: 10 s) = {pending.Get(TimeSpan.FromSeconds(10))}; now Ready = {pending.Ready}");

// `Map` calls the function on every item and waits for all the results, in input order.

var squares = pool.Map(Square, Enumerable.Range(0, 10));
LessonApp.Show(squares);

// `MapAsync` does the same without waiting, so this process can go on with other work. Below, this
// process counts primes in small steps until the results are ready.

var all = pool.MapAsync(SlowSquare, Enumerable.Range(1, 6), chunksize: 1);
Console.WriteLine($"Just after MapAsync: Ready = {all.Ready}");
int steps = 0;
while (!all.Ready)
{
    CountPrimes(20_000);
    steps++;
}
Console.WriteLine($"Meanwhile this process counted the primes below 20,000 {steps} times.");
Console.WriteLine($"all.Get(timeout: 30 s) = {PythonList.Format(all.Get(TimeSpan.FromSeconds(30)))}");

// ## Step 3: the workers were reused
//
// The pool kept a record of every task: which worker ran it, and when. The same few processes ran
// everything.

var tasks = pool.Timeline;
int mapChunk = (int)Math.Ceiling(10 / (4.0 * pool.Processes));
Console.WriteLine($"{tasks.Count} tasks ran on {tasks.Select(t => t.Worker).Distinct().Count()} worker processes, carrying {tasks.Sum(t => t.Items)} calls: Map's 10 items travelled as {(int)Math.Ceiling(10.0 / mapChunk)} chunks of {mapChunk} (10 / (4 × {pool.Processes} workers), rounded up), and MapAsync's 6 one by one (chunksize: 1).");
LessonApp.Show(TimelineChart.For(pool, "Every task this pool ran, by worker"));

// ## Step 4: close the pool

pool.Close();
Console.WriteLine(pool.Join(TimeSpan.FromSeconds(10))
    ? "Closed: every worker finished its queue and exited."
    : "Some workers are still running after 10 s.");

// ## Why use a pool: against the loop, and against a process per task
//
// The same work three ways: a loop; a **warm** pool of one worker process per core, started before
// the clock runs, as a program that keeps its pool has it; and a **new process for every task** (a
// pool whose workers retire after one task, `maxTasksPerChild: 1`, so every task pays for a process
// start, as a `ChildProcess` per task would).
//
// The work is sized from this machine, so the story is the same on 2 cores or 64: 4 items per core
// (`WorkSize.ItemCount()`), each counting primes up to a limit chosen so the loop over all of them
// takes about 0.4 s of CPU (`WorkSize.Calibrate`). First, what a start costs here: a fresh pool of
// one worker per core, from creation to its answers, three times.

int workers = Environment.ProcessorCount;
int items = WorkSize.ItemCount();   // 4 a core: a pool of one worker per core runs them in 4 full rounds
int limit = WorkSize.Calibrate(CountPrimes, TimeSpan.FromSeconds(0.4) / items, start: 1_000);
var startups = new List<double>();
for (int i = 0; i < 3; i++)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using (var fresh = new ProcessPool(workers))
        fresh.Map(Square, Enumerable.Range(0, workers), chunksize: 1);
    startups.Add(clock.Elapsed.TotalMilliseconds);
}
double startupMs = Statistics.Median(startups);
Console.WriteLine($"{items} tasks, each counting the primes below {limit:N0}. A fresh pool of {workers} workers, from creation to its answers: median {startupMs:0} ms (runs {startups.Min():0}–{startups.Max():0} ms).");

var reuse = Compare.Run($"{items} tasks: a warm pool against a new process per task", CountPrimes, Enumerable.Repeat(limit, items),
    new CompareOptions(Workers: workers, Repeats: 5, Chunksize: 1, NewPoolEachRepeat: false,
        Modes: [RunMode.Sequential, RunMode.Processes, RunMode.ProcessPerTask]));
LessonApp.Show(reuse);

var loop = reuse.Timing(RunMode.Sequential);
var pooled = reuse.Timing(RunMode.Processes);
var perTask = reuse.Timing(RunMode.ProcessPerTask);
double loopMs = loop.Median.TotalMilliseconds, workMs = loopMs / workers;
Console.WriteLine($"One task took about {loopMs / items:0.#} ms in the loop ({loopMs:0} ms for all {items}).");
Console.WriteLine($"Cost model: a pool = start-up once + work / workers = {startupMs:0} + {loopMs:0} / {workers} = {startupMs + workMs:0} ms, of which a warm pool still pays {workMs:0} ms (measured: {pooled.Median.TotalMilliseconds:0} ms). " +
    $"A process per task = tasks / workers × start-up + work / workers = {items} / {workers} × {startupMs:0} + {workMs:0} = {(double)items / workers * startupMs + workMs:0} ms (measured: {perTask.Median.TotalMilliseconds:0} ms).");
Console.WriteLine(reuse.Verdict(RunMode.Processes));
Console.WriteLine(reuse.Verdict(RunMode.ProcessPerTask));
Console.WriteLine(pooled.Max < perTask.Min
    ? $"The warm pool beat a new process per task in every run ({pooled.Median.TotalMilliseconds:0} against {perTask.Median.TotalMilliseconds:0} ms): the starts it did not pay."
    : pooled.Min > perTask.Max
        ? "This time a new process per task beat the warm pool in every run, which the cost model does not explain; run the cell again."
        : "The warm pool and a new process per task overlapped within their spread: no clear difference; run the cell again.");

// The gap between the last two bars is the price of starting processes: a warm pool paid it before
// the clock ran, once per worker; a process per task pays it for every task, `tasks / workers`
// starts in a row on each worker's slot. Against the loop, a warm pool wins whenever a task's work
// outweighs its round trip, a fraction of a millisecond on a machine that is not busy. With one
// core there is nothing to win: the loop already keeps it busy.
//
// ## Summary
//
// - A pool starts its workers once and hands them tasks in the order given, each to the next idle
//   worker; a task waits only when every worker is busy.
// - `Apply` and `Map` wait for results; `ApplyAsync` and `MapAsync` return at once, so this process
//   can work meanwhile.
// - `Map` sends items in chunks, so there are fewer tasks than calls.
// - A new process per task pays the start-up every time; the pool pays it once per worker: pool =
//   start-up once + work / workers, process per task = tasks / workers × start-up + work / workers.
//
// ## Exercise
//
// `Map` cuts its items into chunks when you give no chunksize, as Python does: it aims at 4 chunks
// per worker, so a chunk holds the item count divided by 4 × the worker count, rounded up. Write
// `DefaultChunksize`. The check compares it with a few cases and with the tasks a real pool ran.

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static int DefaultChunksize(int items, int workers)
{
    // Your code here.
    return 1;
}
// ▲ End of your answer.

(int Items, int Workers, int Chunk)[] cases = [(10, 2, 2), (10_000, 4, 625), (7, 2, 1), (100, 3, 9), (33, 2, 5)];
int poolTasks;
using (var checkPool = new ProcessPool(processes: 3))
{
    checkPool.Map(Square, Enumerable.Range(0, 100));
    poolTasks = checkPool.Timeline.Count;
}
var wrong = cases.Where(c => DefaultChunksize(c.Items, c.Workers) != c.Chunk).ToList();
Exercise.Check(wrong.Count == 0 && poolTasks == (int)Math.Ceiling(100.0 / DefaultChunksize(100, 3)),
    $"the chunksizes match, and a pool of 3 mapped 100 items as {poolTasks} tasks of up to {DefaultChunksize(100, 3)}.",
    $"{string.Join("; ", wrong.Select(c => $"DefaultChunksize({c.Items}, {c.Workers}) is {DefaultChunksize(c.Items, c.Workers)}, expected {c.Chunk}"))}. Hint: (int)Math.Ceiling(items / (4.0 * workers)).");

LessonApp.Finish();
