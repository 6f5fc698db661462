// 05-creating-a-pool.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/05-creating-a-pool.cs
// Written from 05-creating-a-pool.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
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

LessonApp.Start("Q5. How do you create a pool of worker processes?");

// # Q5. How do you create a pool of worker processes?
//
// The assignment's example, in Python:
//
// ```python
// from multiprocessing import Pool, TimeoutError
// import time
//
// def f(x):
//     return x * x
//
// if __name__ == "__main__":
//   with Pool(processes=4) as pool:
//     print(pool.map(f, range(10)))
//     for i in pool.imap_unordered(f, range(10)):
//         print(i)
//     res = pool.apply_async(f, (20,))
//     print(res.get(timeout=1))
//     res = pool.apply_async(time.sleep, (10,))
//     try:
//         print(res.get(timeout=1))
//     except TimeoutError:
//         print("We lacked patience and got a multiprocessing.TimeoutError")
// ```
//
// Below, the same steps in C#, one cell each.

static int F(int x) => x * x;

static int Nap(int milliseconds)
{
    Thread.Sleep(milliseconds);
    return milliseconds;
}

// ## A pool of 4 workers, and `Map`

var pool = new ProcessPool(processes: 4);
LessonApp.Show(pool.Map(F, Enumerable.Range(0, 10)));

// ## `ImapUnordered`: results as they finish
//
// `ImapUnordered` yields each result as soon as its worker finishes, not in input order. With tasks
// of different lengths the order changes; here each task sleeps for its own number of milliseconds.
// The pool hands the tasks out in the order given, each to the next idle worker, as Python's does;
// so the order they finish in can be worked out beforehand (`PoolSchedule.CompletionOrder`), and
// the cell prints it beside the order measured.

int[] naps = [400, 50, 250, 10, 150, 300, 20, 100];
var finished = new List<int>();
foreach (var ms in pool.ImapUnordered(Nap, naps))
{
    Console.WriteLine($"finished the {ms} ms task");
    finished.Add(ms);
}
var durations = naps.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
var schedule = PoolSchedule.Simulate(durations, pool.Processes);
var python = PoolSchedule.CompletionOrder(durations, pool.Processes).Select(i => naps[i]).ToList();
Console.WriteLine(finished.SequenceEqual(naps)
    ? "They finished in input order this time."
    : $"Completion order {PythonList.Format(finished)} differs from input order {PythonList.Format(naps)}.");
Console.WriteLine($"Python's pool would give {PythonList.Format(python)}: the first {pool.Processes} naps start at once, and each later one starts when a worker goes idle, so it ends at that moment plus its own length:");
foreach (var task in schedule.Skip(pool.Processes))
    Console.WriteLine($"  the {naps[task.Index]} ms nap starts at {task.Start.TotalMilliseconds:0} ms and ends at {task.End.TotalMilliseconds:0} ms");
if (finished.SequenceEqual(python))
    Console.WriteLine("The order measured is Python's: not sorted by length, since the later naps had to wait for an idle worker.");
else
{
    // Where the two orders first part, and how close Python's schedule has those two naps ending.
    int at = Enumerable.Range(0, naps.Length).First(i => finished[i] != python[i]);
    var end = schedule.ToDictionary(t => naps[t.Index], t => t.End.TotalMilliseconds);
    Console.WriteLine($"The order measured parts from Python's at place {at + 1}: the {finished[at]} ms nap came before the {python[at]} ms one, which Python's schedule has ending {end[finished[at]] - end[python[at]]:0} ms earlier. " +
        "A worker that starts a task late (a busy core, a slow pipe) shifts everything it runs after it by as much.");
}

// `Imap` is the ordered version: it also yields results one by one, but waits for each in turn.
//
// ## `ApplyAsync` and `Get` with a timeout

var result = pool.ApplyAsync(F, 20);
Console.WriteLine($"ApplyAsync(F, 20).Get(timeout: 1 s) = {result.Get(timeout: TimeSpan.FromSeconds(1))}");

// A task that takes 10 seconds cannot answer within 1 second. `Get` raises `TimeoutException`, as
// Python raises `multiprocessing.TimeoutError`. The task itself keeps running in its worker.

var slow = pool.ApplyAsync(Nap, 10_000);
try
{
    Console.WriteLine(slow.Get(timeout: TimeSpan.FromSeconds(1)));
}
catch (TimeoutException e)
{
    Console.WriteLine($"We lacked patience and got a TimeoutException: {e.Message}");
}

// ## When a task fails
//
// A task that throws fails the call that asked for it: the worker sends the exception back, and
// `Map` raises it in this process as a `RemoteException` carrying the worker's exception type,
// message and stack trace. If several tasks fail, you get the first to arrive, as in Python. *When*
// differs. CPython's `map` waits until every chunk has come back, failed or not, and only then
// raises. This `Map` raises as soon as the first failure arrives; the other tasks run on in their
// workers, and their results are dropped. Below, one task sleeps for a second and the other fails
// at once:

static int NapOrFail(int milliseconds) =>
    milliseconds < 0 ? throw new ArgumentOutOfRangeException(nameof(milliseconds), "this task fails at once") : Nap(milliseconds);

var mapClock = System.Diagnostics.Stopwatch.StartNew();
try
{
    pool.Map(NapOrFail, [1_000, -1], chunksize: 1);
}
catch (RemoteException e)
{
    var raisedMs = mapClock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"Map raised RemoteException ({e.RemoteType}: {e.RemoteMessage}) from worker {e.Pid}, {raisedMs:0} ms after the call.");
    Console.WriteLine(raisedMs < 1_000
        ? "The 1,000 ms task had not finished: Map raised the first error as it arrived. CPython's map would have waited for that task, and raised after a second at least."
        : "This time Map raised only after the 1,000 ms task could have finished, so this run does not tell the two apart; on a busy machine the failing task can start late.");
}

// Leaving Python's `with` block terminates the pool, unfinished tasks included. `Dispose` does the
// same, and the unfinished task fails with a message rather than staying pending.

pool.Dispose();
try
{
    slow.Get(timeout: TimeSpan.FromSeconds(5));
}
catch (InvalidOperationException e)
{
    Console.WriteLine($"After Dispose, the slow task failed instead of hanging: {e.Message}");
}

// ## Chunksize: how many items travel at once
//
// `Map` does not send items one by one: it cuts the sequence into chunks, and each worker gets a
// chunk per message. Small chunks spread the work evenly; big chunks send fewer messages. With
// 10,000 tiny tasks, messages are all the cost there is. Each way below reuses one warm pool, so
// only `Map` is timed.

var chunks = Compare.ChunksizeSweep("10,000 tiny tasks", F, Enumerable.Range(0, 10_000), [1, 10, 100, 1_000],
    new CompareOptions(Repeats: 3, NewPoolEachRepeat: false));
LessonApp.Show(chunks);

var processes = chunks.Points.Where(p => p.Mode == RunMode.Processes).OrderBy(p => p.Setting).ToList();
var best = processes.MaxBy(p => p.Speedup)!;
Console.WriteLine($"Processes with chunksize {processes[0].Setting}: {processes[0].Median.TotalMilliseconds:0} ms. With chunksize {best.Setting}: {best.Median.TotalMilliseconds:0} ms, {processes[0].Median / best.Median:0}× less.");
Console.WriteLine($"Left to choose, Map picks len(items) / (4 × the pool's workers), rounded up, as Python does: {(int)Math.Ceiling(10_000 / (4.0 * chunks.Workers))} for these 10,000 items on a pool of {chunks.Workers} workers.");

// ## Big data: copy it into every task, or share it
//
// Every argument travels as JSON through a pipe, so a big array is copied into every task that gets
// it, as Python pickles it for every task. A `SharedArray` (lesson 3) travels as the name of its
// memory: the worker maps the same pages, and nothing is copied. Each task below sums all of
// 500,000 numbers in one worker, once with the array sent as the task's argument, once with the
// numbers in a `SharedArray`; the two take turns, after one warm-up each.

static long SumOfCopy(int[] numbers)
{
    long sum = 0;
    foreach (var n in numbers) sum += n;
    return sum;
}

static long SumOfShared(SharedArray<int> numbers)
{
    long sum = 0;
    for (int i = 0; i < numbers.Length; i++) sum += numbers[i];
    return sum;
}

var numbers = Enumerable.Range(0, 500_000).ToArray();
var copied = new List<double>();
var mapped = new List<double>();
long copySum = 0, sharedSum = 0;
using (var dataPool = new ProcessPool(processes: 1))
using (var shared = new SharedArray<int>(numbers))
{
    for (int round = 0; round <= 3; round++)   // round 0 warms both up, and is not kept
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        copySum = dataPool.Apply(SumOfCopy, numbers);
        if (round > 0) copied.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        sharedSum = dataPool.Apply(SumOfShared, shared);
        if (round > 0) mapped.Add(clock.Elapsed.TotalMilliseconds);
    }
}
double copyMs = Statistics.Median(copied), sharedMs = Statistics.Median(mapped);
var jsonMb = (System.Text.Encoding.UTF8.GetByteCount(string.Join(",", numbers)) + 2) / 1e6;
Console.WriteLine($"Both sums are {copySum:N0}: {(copySum == sharedSum ? "the same" : "different!")}.");
Console.WriteLine($"The array sent with each task, {jsonMb:0.0} MB of JSON: median {copyMs:0} ms a task (runs {copied.Min():0}–{copied.Max():0} ms).");
Console.WriteLine($"The same numbers in one SharedArray: median {sharedMs:0} ms a task (runs {mapped.Min():0}–{mapped.Max():0} ms).");
Console.WriteLine(copied.Min() > mapped.Max()
    ? $"Copying cost about {copyMs - sharedMs:0} ms per task, every task; shared memory is mapped, not copied."
    : mapped.Min() > copied.Max()
        ? "This time the shared array was slower, beyond the spread: reading it element by element cost more than copying saved."
        : "This time the two overlapped within their spread: a busy machine can hide the copy; run the cell again.");

// ## How far do more workers go? Amdahl's law
//
// Work that splits into equal, independent items should run *n* times faster on *n* workers. It
// does not, for two reasons. **Amdahl's law**: if a share *s* of a run cannot be split (handing out
// the items, collecting the results, a last round that leaves workers idle), *n* workers speed it
// up at most 1 / (*s* + (1 − *s*) / *n*), and never past 1 / *s*, however many workers there are.
// And the **cores**: workers beyond the cores take turns on them. `Compare.WorkersSweep` times the
// same map on warm pools of more and more workers, up to twice this machine's cores, each against a
// loop timed beside it.

static int PrimesBelow(int limit)
{
    int count = 0;
    for (int n = 2; n < limit; n++)
    {
        bool prime = true;
        for (int d = 2; d * d <= n; d++)
            if (n % d == 0) { prime = false; break; }
        if (prime) count++;
    }
    return count;
}

int cores = Environment.ProcessorCount;
int[] workerCounts = [.. Enumerable.Range(0, 8).Select(k => 1 << k).Where(n => n < cores), cores, 2 * cores];
int primeItems = 4 * cores;
int primeLimit = WorkSize.Calibrate(PrimesBelow, TimeSpan.FromMilliseconds(Math.Max(1, 100.0 / primeItems)));
var amdahl = Compare.WorkersSweep($"Count primes below {primeLimit:N0}, {primeItems} times", PrimesBelow, Enumerable.Repeat(primeLimit, primeItems), workerCounts,
    new CompareOptions(Repeats: 3, NewPoolEachRepeat: false, Modes: [RunMode.Sequential, RunMode.Processes]));
LessonApp.Show(amdahl);

var byWorkers = amdahl.Points.Where(p => p.Mode == RunMode.Processes).OrderBy(p => p.Setting).ToList();
foreach (var point in byWorkers)
    Console.WriteLine($"{point.Setting,3} {(point.Setting == 1 ? "worker: " : "workers:")} {point.Speedup:0.00}× the loop's speed (ideal {amdahl.IdealAt(point.Setting)})");
var atCores = byWorkers.Single(p => p.Setting == cores);
double serialShare = (cores / atCores.Speedup - 1) / (cores - 1.0);
Console.WriteLine(cores == 1
    ? "On one core there is nothing to split: the workers only take turns."
    : atCores.Speedup >= cores
        ? $"On {cores} workers the map ran {atCores.Speedup:0.00}× as fast: all the cores allow, with no serial share to see."
        : atCores.Speedup <= 1
            ? $"On {cores} workers the map ran at {atCores.Speedup:0.00}× the loop's speed: its fixed costs outweighed the work; give each item more work."
            : $"Read through Amdahl's law, {atCores.Speedup:0.00}× on {cores} workers is what a run would give of which about {serialShare:P0} did not split, which caps it at {1 / serialShare:0.#}× on any number of workers. On a busy machine, the time other programs held the cores counts in that share too.");
var most = byWorkers[^1];
Console.WriteLine($"{most.Setting} workers on {cores} logical cores: {most.Speedup:0.00}× (ideal {amdahl.IdealAt(most.Setting)}): workers beyond the cores add turns, not cores.");

// `Environment.ProcessorCount` counts *logical* processors: with simultaneous multithreading
// (Intel's Hyper-Threading, AMD's SMT) two of them share one physical core, and many chips mix fast
// performance cores with slower efficiency cores, so CPU-bound work can stop speeding up, or speed
// up unevenly, before the logical count.

// ## Summary
//
// - `new ProcessPool(processes: 4)`, `Map`, `ImapUnordered`, `ApplyAsync` and `Get(timeout)` are
//   Python's pool, step for step.
// - `ImapUnordered` yields results as they finish; `Get` with a timeout raises `TimeoutException`
//   and leaves the task running.
// - A task's exception comes back as a `RemoteException`; `Map` raises the first as it arrives,
//   where CPython's `map` waits for every chunk.
// - Tiny tasks need big chunks: the cost is in the messages.
// - A big argument is copied into every task that gets it; a `SharedArray` is mapped, not copied.
//
// ## Exercise
//
// A caller that cannot wait forever needs a fallback. Write `GetOrDefault`: return the task's
// result as soon as it arrives, if it arrives within `timeout`; else return `fallback`. A task that
// fails is not late: its error must reach the caller. The check tries a fast task (and times it), a
// slow one, and one that fails. If you are stuck after a try, run `Exercise.Hint()` in a new cell:
// it shows a code skeleton.

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)
{
    // Your code here: Get with a timeout, and catch TimeoutException.
    return fallback;
}
// ▲ End of your answer.

// Every call of GetOrDefault is bounded: it runs in this process, so a wait with no end would hang the check.
static string GetOrDefaultOutcome(string call, Func<int> getOrDefault)
{
    try
    {
        return $"returned {Exercise.Within(TimeSpan.FromSeconds(30), call, getOrDefault)}";
    }
    catch (TimeoutException e) when (e.Message.StartsWith(call, StringComparison.Ordinal))
    {
        return "did not return within 30 s";
    }
    catch (RemoteException e)
    {
        return $"raised a RemoteException ({e.RemoteType})";
    }
    catch (Exception e)
    {
        return $"raised {e.GetType().Name}";
    }
}

using (var checkPool = new ProcessPool(processes: 2))
{
    checkPool.ApplyAsync(F, 0).Get(TimeSpan.FromSeconds(60));   // both workers are up: the fast task's time is its round trip
    var fastTimeout = TimeSpan.FromSeconds(2);
    var fastClock = System.Diagnostics.Stopwatch.StartNew();
    string fast = GetOrDefaultOutcome("GetOrDefault(fast task, 2 s, -1)", () => GetOrDefault(checkPool.ApplyAsync(F, 9), fastTimeout, fallback: -1));
    var fastTook = fastClock.Elapsed;
    string late = GetOrDefaultOutcome("GetOrDefault(5 s nap, 0.3 s, -1)", () => GetOrDefault(checkPool.ApplyAsync(Nap, 5_000), TimeSpan.FromMilliseconds(300), fallback: -1));
    string failure = GetOrDefaultOutcome("GetOrDefault(failing task, 5 s, -1)", () => GetOrDefault(checkPool.ApplyAsync(NapOrFail, -1), TimeSpan.FromSeconds(5), fallback: -1));
    var problems = new List<string>();
    if (fast != "returned 81") problems.Add($"for the fast task, GetOrDefault {fast} (expected 81)");
    else if (fastTook >= fastTimeout / 2) problems.Add($"the fast task took {fastTook.TotalMilliseconds:0} ms with a {fastTimeout.TotalSeconds:0} s timeout (a result that has arrived should come back at once)");
    if (late != "returned -1") problems.Add($"for the slow task, GetOrDefault {late} (expected the fallback, -1)");
    if (failure != $"raised a RemoteException ({typeof(ArgumentOutOfRangeException).FullName})") problems.Add($"for the failing task, GetOrDefault {failure} (its ArgumentOutOfRangeException must reach the caller as a RemoteException)");
    Exercise.Check("GetOrDefault", problems.Count == 0,
        $"the fast task gave 81 in {fastTook.TotalMilliseconds:0} ms, the slow one the fallback, and the failing one raised its error.",
        $"{string.Join("; ", problems)}. Wait for the result up to the timeout and no longer; only running out of time earns the fallback, and a task's own error is not lateness.",
        """
        static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)
        {
            try
            {
                // wait for the result, for at most timeout
            }
            catch (…)   // which exception means "not yet", and only that?
            {
                // the task is late
            }
        }
        """);
}   // leaving the block terminates the pool: the 5 s nap is killed, not waited for

LessonApp.Finish();
