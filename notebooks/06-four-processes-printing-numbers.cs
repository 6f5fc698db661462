// 06-four-processes-printing-numbers.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/06-four-processes-printing-numbers.cs
// Written from 06-four-processes-printing-numbers.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
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

LessonApp.Start("Q6. Create 4 processes, each printing a different number");

// # Q6. Create 4 processes, each printing a different number
//
// The assignment asks for four processes, each printing a random number from 1 to 100, and each
// told which one it is. In Python:
//
// ```python
// import random
// from multiprocessing import Process
//
// def print_random(index):
//     print(f"process {index} printed {random.randint(1, 100)}")
//
// if __name__ == "__main__":
//     procs = [Process(target=print_random, args=(i,)) for i in range(4)]
//     for p in procs: p.start()
//     for p in procs: p.join()
// ```
//
// The `if __name__ == "__main__":` guard matters in Python: under *spawn* (Windows, macOS) and
// *forkserver* (Linux from Python 3.14) each child imports this file again, and without the guard
// each child would run the start-up code too: Python stops that with a `RuntimeError` (a process
// may not start children while it is still bootstrapping), so the program fails. A .NET child is
// like spawn (a fresh runtime that loads the notebook's compiled code and runs only the target), so
// it needs no guard.

// Each child prints its index, its pid and its number. A child's output is passed to this notebook
// line by line, and shows in the cell that started it.

static void PrintRandom(int index) =>
    Console.WriteLine($"child {index} (process {Environment.ProcessId}) printed {Random.Shared.Next(1, 101)}");

var children = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(PrintRandom, i)).ToList();
children.StartAll();
children.JoinAll();

Console.WriteLine($"4 children, {children.Select(c => c.Pid).Distinct().Count()} different pids, exit codes {PythonList.Format(children.Select(c => c.ExitCode))}.");

// ## Are the four numbers different?
//
// `Random.Shared.Next(1, 101)` returns a number from 1 to 100 (the upper bound is excluded). Each
// process has its own `Random.Shared`, seeded from the operating system's random source, so the
// four draws are independent. Independent is not *different*: two of them can be equal. How often?
// Draw four numbers many times over, here in this process, and count the draws with a repeat:

const int Trials = 200_000;
int repeats = 0;
var draw = new int[4];
for (int trial = 0; trial < Trials; trial++)
{
    for (int k = 0; k < 4; k++) draw[k] = Random.Shared.Next(1, 101);
    if (draw.Distinct().Count() < 4) repeats++;
}
double exact = 1 - 100.0 * 99 * 98 * 97 / Math.Pow(100, 4);
Console.WriteLine($"{repeats:N0} of {Trials:N0} draws of four numbers had a repeat: {100.0 * repeats / Trials:0.00} %. The exact chance is 1 − (100·99·98·97)/100⁴ = {100 * exact:0.00} %.");
Console.WriteLine($"So four independent draws print four different numbers only about {100 * (1 - exact):0} times in 100.");

// ## The guaranteed answer: the parent deals the numbers
//
// To make the numbers *different*, one process must decide them. The parent shuffles 1..100 and
// hands one number to each child, with its index, the way Python passes `args=(i,)`.

static void PrintNumber(int index, int number) =>
    Console.WriteLine($"child {index} (process {Environment.ProcessId}) printed {number}");

var deck = Enumerable.Range(1, 100).ToArray();
Random.Shared.Shuffle(deck);
var dealt = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(PrintNumber, i, deck[i])).ToList();
dealt.StartAll();
dealt.JoinAll();
Console.WriteLine($"The parent dealt {PythonList.Format(deck.Take(4))}: {deck.Take(4).Distinct().Count()} different numbers, every run.");

// ## The seed is what makes draws differ
//
// Give every child the *same* seed, and every child draws the same number: each process's random
// numbers come from its seed alone.

static void PrintSeeded(int index) =>
    Console.WriteLine($"child {index} (process {Environment.ProcessId}) printed {new Random(42).Next(1, 101)}");

var seeded = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(PrintSeeded, i)).ToList();
seeded.StartAll();
seeded.JoinAll();

// ## Why can the print order change between runs?
//
// `Start` launches the four processes one after another, but then the operating system decides
// which runs when. A process that starts first may print last. To see it, each child below takes a
// ticket from a shared counter, under its lock; five rounds record the order in which the children
// took a ticket (not the order they ended).

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
    racers.StartAll();
    racers.JoinAll();
    orders.Add(PythonList.Format(order));
    Console.WriteLine($"round {round}: children took tickets in the order {orders[^1]}");
}
Console.WriteLine($"{orders.Distinct().Count()} different orders in {orders.Count} rounds. Run the cell again to see what the scheduler does next time.");

// ## When did each process run?
//
// The first four children's lifetimes, from `Start` to the end of the process:

LessonApp.Show(TimelineChart.For(children, "Four processes, each printing one number"));

// ## What four numbers cost, three ways
//
// Drawing four numbers takes nanoseconds; four processes take milliseconds to start. The draws
// below go into a shared array instead of the screen, so the timing measures the start-up, not the
// printing. This is an overhead, so the chart draws no ideal line.

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
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
    },
    processes: () =>
    {
        using var slots = new SharedArray<int>(4);
        var drawers = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(Draw, slots, i)).ToList();
        drawers.StartAll();
        drawers.JoinAll();
    },
    new CompareOptions(Workers: 4, Repeats: 3, Work: WorkKind.Overhead));
LessonApp.Show(cost);

Console.WriteLine($"Four processes took {cost.Timing(RunMode.Processes).Median.TotalMilliseconds:0} ms, {cost.Faster(RunMode.Processes)} than the loop; four threads took {cost.Timing(RunMode.Threads).Median.TotalMilliseconds:0.00} ms.");

// ## Summary
//
// - Four processes drawing on their own print four *independent* numbers, which repeat in a few
//   runs in 100 (measured above). Four *different* numbers need one decider: the parent deals them.
// - A process's random numbers come from its seed: the same seed in every child gives the same
//   number in every child.
// - The order in which processes run, and print, is the scheduler's choice, and changes between
//   runs.
//
// ## Exercise
//
// Each child can work out its own number, all different, and the same again next run, if every
// child gets the same *seed* and its *index*: shuffle 1..100 with `new Random(seed)`, and take the
// number at `index`. Write `Deal`. The check runs it in four children, twice with one seed and once
// with another, and deals the whole deck (indexes 0 to 99) for 200 more seeds here: any shuffle
// passes whose deck holds every number from 1 to 100 once, in an order with no pattern, the same
// for the same seed. If you are stuck after a try, run `Exercise.Hint()` in a new cell: it shows a
// code skeleton.

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static int Deal(int seed, int index)
{
    // Your code here: shuffle 1..100 with new Random(seed), then take the number at index.
    return new Random(seed).Next(1, 101);
}
// ▲ End of your answer.

// Deal runs in four children, joined with a bound; the 200 decks are dealt here, bounded too.
static void DealInto(SharedArray<int> slots, int seed, int index) => slots[index] = Deal(seed, index);

string? lateDeal = null;
int[] DealInChildren(int seed)
{
    using var slots = new SharedArray<int>(4);
    var dealers = Enumerable.Range(0, 4).Select(i => ChildProcess.Create(DealInto, slots, seed, i)).ToList();
    dealers.StartAll();
    lateDeal ??= ExerciseChildren.JoinAll(dealers, TimeSpan.FromSeconds(60), "Deal");
    return slots.ToArray();
}

int[] Hand(int seed) => Enumerable.Range(0, 4).Select(i => Deal(seed, i)).ToArray();
int[] Deck(int seed) => Enumerable.Range(0, 100).Select(i => Deal(seed, i)).ToArray();
// Any shuffle will do, so the check asks for what a deal must be rather than one order. The deck holds 1 to 100, each once.
// And it is shuffled: in a shuffled deck, the step from one card to the next (mod 100) takes many values, a few times
// each (the most common one 4 or 5 times out of 99, 9 at most in 200,000 shuffled decks); a rotation (seed + index)
// or a stride repeats one step every time.
int MostCommonStep(int[] deck) => Enumerable.Range(0, 99).GroupBy(i => ((deck[i + 1] - deck[i]) % 100 + 100) % 100).Max(g => g.Count());
int badSeed = -1, patternSeed = -1;
string dealProblem = "";
try
{
    (badSeed, patternSeed) = Exercise.Within(TimeSpan.FromSeconds(30), "Deal(seed, index) for 200 seeds", () =>
        (Enumerable.Range(0, 200).FirstOrDefault(seed => !Deck(seed).Order().SequenceEqual(Enumerable.Range(1, 100)), -1),
         Enumerable.Range(0, 200).FirstOrDefault(seed => MostCommonStep(Deck(seed)) > 15, -1)));
}
catch (TimeoutException e)
{
    dealProblem = e.Message;
}
// The children deal only a deck that passed here: a wrong deal is told at once, without starting 12 processes.
int[] first = [], again = [], other = [];
if (dealProblem == "" && badSeed < 0 && patternSeed < 0)
    (first, again, other) = (DealInChildren(7), DealInChildren(7), DealInChildren(8));
dealProblem =
    dealProblem != "" ? dealProblem
    : badSeed >= 0 ? $"seed {badSeed} dealt the deck {PythonList.Format(Deck(badSeed).Take(8))}…, which is not 1 to 100 each once ({Deck(badSeed).Distinct().Count()} different numbers, from {Deck(badSeed).Min()} to {Deck(badSeed).Max()}). A deal hands out the cards of one deck: every number once."
    : patternSeed >= 0 ? $"seed {patternSeed} dealt {PythonList.Format(Deck(patternSeed).Take(8))}…: each card is the one before plus the same step, {MostCommonStep(Deck(patternSeed))} times out of 99. That is a pattern, not a shuffle."
    : lateDeal is not null ? lateDeal
    : !again.SequenceEqual(first) || !first.SequenceEqual(Hand(7)) ? $"seed 7 dealt {PythonList.Format(first)}, then {PythonList.Format(again)}, and {PythonList.Format(Hand(7))} here: not the same for the same seed. Everything random in a deal must come from the seed."
    : other.SequenceEqual(first) ? $"seeds 7 and 8 both dealt {PythonList.Format(first)}: the seed must choose the shuffle."
    : "";
Exercise.Check("Deal", dealProblem == "",
    $"seed 7 dealt {PythonList.Format(first)} in four processes, the same again, and seed 8 dealt {PythonList.Format(other)}; 200 more seeds each dealt a shuffled deck of 1 to 100.",
    dealProblem,
    """
    static int Deal(int seed, int index)
    {
        int[] deck = …;   // 1 to 100
        // shuffle deck with a Random made from seed (Random has a method for it)
        return …;         // this child's card
    }
    """);

LessonApp.Finish();
