// 06-four-processes-printing-numbers.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/06-four-processes-printing-numbers.cs
// Written from 06-four-processes-printing-numbers.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Multiprocessing.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Multiprocessing.Apps;

LessonApp.Start("Q6. Create 4 processes, each printing a different number");

// # Q6. Create 4 processes, each printing a different number
//
// The assignment asks for four processes that each print a random number from 1 to 100. In Python:
//
// ```python
// import random
// from multiprocessing import Process
//
// def print_random():
//     print(random.randint(1, 100))
//
// procs = [Process(target=print_random) for _ in range(4)]
// for p in procs: p.start()
// for p in procs: p.join()
// ```

// Each child prints its pid with its number. A child's output is passed to this notebook line by
// line, and shows in the cell that started it.

static void PrintRandom() =>
    Console.WriteLine($"process {Environment.ProcessId} printed {Random.Shared.Next(1, 101)}");

var children = Enumerable.Range(0, 4).Select(_ => new ChildProcess(PrintRandom)).ToList();
foreach (var child in children) child.Start();
foreach (var child in children) child.Join();

Console.WriteLine($"4 children, {children.Select(c => c.Pid).Distinct().Count()} different pids, exit codes {string.Join(", ", children.Select(c => c.ExitCode))}.");

// ## Why does each process draw a different number?
//
// `Random.Shared.Next(1, 101)` returns a number from 1 to 100 (the upper bound is excluded). Each
// process has its own `Random.Shared`, seeded from the operating system's random source when the
// process first uses it. Four processes, four unrelated seeds, four unrelated numbers; two of them
// can still be equal by chance, one time in a hundred per pair.
//
// The seed is the whole reason. Give every child the *same* seed, and every child draws the same
// number:

static void PrintSeeded() =>
    Console.WriteLine($"process {Environment.ProcessId} printed {new Random(42).Next(1, 101)}");

var seeded = Enumerable.Range(0, 4).Select(_ => new ChildProcess(PrintSeeded)).ToList();
seeded.ForEach(c => c.Start());
seeded.ForEach(c => { c.Join(); c.Dispose(); });

// ## Why can the print order change between runs?
//
// `Start` launches the four processes one after another, but then the operating system decides
// which runs when. A process that starts first may print last. To see it, each child below takes a
// ticket from a shared counter as it runs; five rounds record the order the children got there.

static void TakeTicket(SharedValue<int> next, SharedArray<int> order, int child)
{
    using (next.GetLock().Acquire())
    {
        order[next.Value] = child;
        next.Value += 1;
    }
}

var orders = new List<string>();
for (int round = 1; round <= 5; round++)
{
    using var next = new SharedValue<int>(0);
    using var order = new SharedArray<int>(4);
    var racers = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(TakeTicket, next, order, i)).ToList();
    racers.ForEach(c => c.Start());
    racers.ForEach(c => { c.Join(); c.Dispose(); });
    orders.Add(string.Join(" ", order));
    Console.WriteLine($"round {round}: children finished in the order {orders[^1]}");
}
Console.WriteLine($"{orders.Distinct().Count()} different orders in {orders.Count} rounds. Run the cell again to see what the scheduler does next time.");

// ## When did each process run?
//
// The first four children's lifetimes, from `Start` to the end of the process:

LessonApp.Show(TimelineChart.For(children, "Four processes, each printing one number"));

// ## What four numbers cost, three ways
//
// Drawing four numbers takes nanoseconds; four processes take milliseconds to start. The draws
// below go into a shared array instead of the screen, so the timing measures the work, not the
// printing.

static void Draw(SharedArray<int> slots, int index) => slots[index] = Random.Shared.Next(1, 101);

var cost = Compare.Run("Draw 4 random numbers: a loop, 4 threads, 4 processes",
    sequential: () =>
    {
        using var slots = new SharedArray<int>(4);
        for (int i = 0; i < 4; i++) Draw(slots, i);
    },
    threads: () =>
    {
        using var slots = new SharedArray<int>(4);
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() => Draw(slots, i))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    },
    processes: () =>
    {
        using var slots = new SharedArray<int>(4);
        var drawers = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(Draw, slots, i)).ToList();
        drawers.ForEach(c => c.Start());
        drawers.ForEach(c => { c.Join(); c.Dispose(); });
    },
    new CompareOptions(Workers: 4, Repeats: 3));
LessonApp.Show(cost);

Console.WriteLine($"Four processes took {cost.Timing(RunMode.Processes).Median.TotalMilliseconds:0} ms, {cost.Faster(RunMode.Processes)} than the loop; four threads took {cost.Timing(RunMode.Threads).Median.TotalMilliseconds:0.00} ms.");
foreach (var child in children) child.Dispose();

// ## Exercise
//
// Write `DrawSame` so that all four children draw the **same** number, as `PrintSeeded` did. The
// check starts four children and compares what they drew.

static void DrawSame(SharedArray<int> slots, int index)
{
    // Your code here: draw with a Random that every process seeds alike.
    slots[index] = Random.Shared.Next(1, 101);
}

using (var slots = new SharedArray<int>(4))
{
    var drawers = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(DrawSame, slots, i)).ToList();
    drawers.ForEach(c => c.Start());
    drawers.ForEach(c => { c.Join(); c.Dispose(); });
    Console.WriteLine(slots.Distinct().Count() == 1 && slots[0] is >= 1 and <= 100
        ? $"✓ Correct: all four drew {slots[0]}."
        : $"✗ Not yet: they drew {slots}. Hint: new Random(seed).Next(1, 101), with the same seed in every process.");
}

LessonApp.Finish();
