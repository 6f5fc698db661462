// 07-processes-that-talk.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/07-processes-that-talk.cs
// Written from 07-processes-that-talk.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
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

LessonApp.Start("Q7. How do processes talk to each other?");

// # Q7. How do processes talk to each other?
//
// The lessons so far gave each process its work as arguments, took a result back, and shared an
// array. Python's `multiprocessing` documents another way first, passing messages, and its
// programming guidelines begin with "avoid shared state". The docs' first example:
//
// ```python
// from multiprocessing import Process, Queue
//
// def f(q):
//     q.put([42, None, 'hello'])
//
// if __name__ == '__main__':
//     q = Queue()
//     p = Process(target=f, args=(q,))
//     p.start()
//     print(q.get())    # prints "[42, None, 'hello']"
//     p.join()
// ```
//
// In C#, `SharedQueue<T>` is `Queue`, `Pipe.Create<T>()` is `Pipe()`, and `SharedEvent`,
// `SharedSemaphore` and `SharedBarrier` are `Event`, `Semaphore` and `Barrier`. Each travels to a
// child as a `SharedArray` does, by the name of its shared memory; the items travel as JSON.

// ## A producer and a consumer
//
// Two processes that never call each other: the producer puts the numbers 1 to 10,000 on a queue,
// then a 0, the end marker (Python's examples use `None`). The consumer takes numbers until it
// meets the marker, and puts its tally on a second queue, for this notebook to read.

static void Produce(SharedQueue<int> queue, int count)
{
    for (int i = 1; i <= count; i++) queue.Put(i);
    queue.Put(0);   // the end marker: no number the producer sends is 0
}

static void Consume(SharedQueue<int> queue, SharedQueue<Tally> tallies)
{
    int count = 0;
    long sum = 0;
    for (int n = queue.Get(); n != 0; n = queue.Get()) { count++; sum += n; }
    tallies.Put(new Tally(Environment.ProcessId, count, sum));
}

using (var numbers = new SharedQueue<int>())
using (var tallies = new SharedQueue<Tally>())
{
    var producer = ChildProcess.Create(Produce, numbers, 10_000);
    var consumer = ChildProcess.Create(Consume, numbers, tallies);
    List<ChildProcess> pair = [producer, consumer];
    pair.StartAll();
    var tally = tallies.Get(timeout: TimeSpan.FromSeconds(60));
    pair.JoinAll();
    Console.WriteLine($"The producer, process {producer.Pid}, put 10,000 numbers and the end marker.");
    Console.WriteLine($"The consumer, process {tally.Pid}, took {tally.Count:N0} numbers summing to {tally.Sum:N0} (1 + 2 + … + 10,000 = {10_000L * 10_001 / 2:N0}).");
}

// ## Join a process only after draining its queue?
//
// Python's programming guidelines warn: "a process that has put items in a queue will wait before
// terminating until all the buffered items are fed by the 'feeder' thread to the underlying pipe",
// so make sure that all items put on the queue "will eventually be removed before the process is
// joined". In Python, `put` hands the item to that feeder thread, and the child cannot end before
// the operating system's pipe has taken every item: join it before draining, and it hangs once its
// items are more than that pipe holds (its size depends on the system; 64 KiB on Linux by default).
//
// Here `Put` has written the item into the queue's shared memory when it returns: there is no
// feeder thread. Does the rule apply? Run it: a child puts 10,000 numbers, and this notebook joins
// it, with a limit, before taking any. Once with the default buffer (1 MiB), once with the smallest
// (4,096 bytes).

static void PutNumbers(SharedQueue<int> queue, int count)
{
    for (int i = 1; i <= count; i++) queue.Put(i);
}

static void JoinBeforeDraining(int bufferSize, TimeSpan limit)
{
    using var queue = new SharedQueue<int>(bufferSize: bufferSize);
    using var child = ChildProcess.Create(PutNumbers, queue, 10_000);
    child.Start();
    bool ended = child.Join(limit);
    Console.WriteLine(ended
        ? $"{bufferSize:N0}-byte buffer: Join returned before any Get; the child had ended (exit code {child.ExitCode}), its {queue.Count:N0} numbers waiting in the queue."
        : $"{bufferSize:N0}-byte buffer: after {limit.TotalSeconds:0} s, Join gave up. The child is still alive: its Put waits for room ({queue.Count:N0} numbers fill the buffer).");
    for (int taken = 0; taken < 10_000; taken++)
        queue.Get(timeout: TimeSpan.FromSeconds(30));
    if (!ended)
        Console.WriteLine($"    After this notebook took all 10,000, Join returned {child.Join(TimeSpan.FromSeconds(30))}: the child had ended.");
}

JoinBeforeDraining(SharedQueue<int>.DefaultBufferSize, TimeSpan.FromSeconds(30));
JoinBeforeDraining(4096, TimeSpan.FromSeconds(1));

// So the rule holds here too, with the queue's own buffer in place of the operating system's pipe:
// a child waits only while its items do not fit, and `Join` before draining is safe when they do.
// The buffer is larger, so it bites later, but it bites: taking the items before joining is right
// in both.
//
// ## A pipe's round trip, beside shared memory
//
// A pipe has two ends: what one end sends, the other receives. `Pipe.Create<T>()` returns both
// ends, like Python's `Pipe()`; a child gets one. The child below answers each request with a sum.
// Sent numbers, it sums them: they were copied into the pipe as JSON. Sent an empty request, it
// sums the same numbers in a `SharedArray` it mapped once. Same data, same sum, one round trip
// through the pipe each: what differs is the copy.

static void SumServer(PipeConnection<long[]> requests, SharedArray<long> shared)
{
    try
    {
        while (true)
        {
            long[] numbers = requests.Recv();
            long sum = 0;
            if (numbers.Length > 0)
                foreach (var n in numbers) sum += n;
            else
                for (int i = 0; i < shared.Length; i++) sum += shared[i];
            requests.Send([sum]);
        }
    }
    catch (System.IO.EndOfStreamException)
    {
        // This notebook closed its end: no more requests.
    }
}

const int Count = 100_000;
var data = Enumerable.Range(1, Count).Select(i => (long)i).ToArray();
var copied = new List<double>();
var mapped = new List<double>();
long copySum = 0, sharedSum = 0;
using (var shared = new SharedArray<long>(data))
{
    var (mine, theirs) = Pipe.Create<long[]>();
    using var server = ChildProcess.Create(SumServer, theirs, shared);
    server.Start();
    theirs.Close();   // the child has its own: close ours, so the child sees the end when we close mine
    for (int round = 0; round <= 4; round++)   // round 0 warms both up, and is not kept
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        mine.Send(data);
        copySum = mine.Recv()[0];
        if (round > 0) copied.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        mine.Send([]);
        sharedSum = mine.Recv()[0];
        if (round > 0) mapped.Add(clock.Elapsed.TotalMilliseconds);
    }
    mine.Close();
    Console.WriteLine($"The server ended when the pipe closed: Join returned {server.Join(TimeSpan.FromSeconds(30))}, exit code {server.ExitCode}.");
}
double copyMs = Statistics.Median(copied), sharedMs = Statistics.Median(mapped);
Console.WriteLine($"Both sums are {copySum:N0}: {(copySum == sharedSum ? "the same" : "different!")}.");
Console.WriteLine($"{Count:N0} numbers sent through the pipe and summed: median {copyMs:0.00} ms a round trip (runs {copied.Min():0.00}–{copied.Max():0.00} ms).");
Console.WriteLine($"The same numbers in a SharedArray, only the request sent: median {sharedMs:0.00} ms (runs {mapped.Min():0.00}–{mapped.Max():0.00} ms).");
Console.WriteLine(copied.Min() > mapped.Max()
    ? $"Copying cost about {copyMs - sharedMs:0.0} ms a round trip: {copyMs / sharedMs:0}× the time. A pipe suits messages; data every process reads belongs in shared memory."
    : mapped.Min() > copied.Max()
        ? "This time the shared array was slower, beyond the spread: reading it element by element cost more than copying saved."
        : "This time the two overlapped within their spread: a busy machine can hide the copy; run the cell again.");

// ## Deadlock: two locks, taken in opposite orders
//
// Two processes each move money between two accounts, holding both accounts' locks so that no one
// sees the money in neither. One moves from account 1 to account 2, the other from 2 to 1, and each
// takes the lock of the account it moves *from* first. If each gets its first lock before the
// other's second, each waits for a lock the other holds, and neither lets go: a **deadlock**.
// Waiting with `Acquire` would hang for ever; here each waits with `TryAcquire` and a timeout of 1
// s, so the cell always ends. A barrier makes both hold their first lock before either tries its
// second, so the deadlock happens on every run, not only on an unlucky one.

static void Move(SharedValue<Account> from, SharedValue<Account> to, int amount)
{
    from.Value = from.Value with { Balance = from.Value.Balance - amount };
    to.Value = to.Value with { Balance = to.Value.Balance + amount };
}

static void Transfer(SharedValue<Account> from, SharedValue<Account> to, SharedBarrier meeting)
{
    using (from.GetLock().Acquire())
    {
        meeting.Wait();   // both processes hold one lock now
        bool gotBoth = to.GetLock().TryAcquire(TimeSpan.FromSeconds(1));
        meeting.Wait();   // and neither lets go of its first before both have tried for the second
        if (!gotBoth)
        {
            Console.WriteLine($"process {Environment.ProcessId} held account {from.Value.Id}'s lock, waited 1 s for account {to.Value.Id}'s, and gave up");
            return;
        }
        Move(from, to, 10);
        to.GetLock().Release();
    }
}

var transfers = new List<ChildProcess>();   // for the timeline below
using (var one = new SharedValue<Account>(new Account(1, 100)))
using (var two = new SharedValue<Account>(new Account(2, 100)))
using (var meeting = new SharedBarrier(2, timeout: TimeSpan.FromSeconds(30)))
{
    List<ChildProcess> pair = [ChildProcess.Create(Transfer, one, two, meeting), ChildProcess.Create(Transfer, two, one, meeting)];
    pair[0].Name = "deadlock: 1 to 2";
    pair[1].Name = "deadlock: 2 to 1";
    transfers.AddRange(pair);
    pair.StartAll();
    pair.JoinAll();
    Console.WriteLine($"Balances: account 1 {one.Value.Balance}, account 2 {two.Value.Balance}. Neither transfer happened.");
}

// The cure: **take locks in one order**, the same in every process, here by account id. Whoever
// holds the lower lock can always get the higher one, since no one holding the higher lock waits
// for the lower: the cycle of waits cannot form. The same barrier now only starts both at once.

static void TransferInOrder(SharedValue<Account> from, SharedValue<Account> to, SharedBarrier start)
{
    start.Wait();
    var (first, second) = from.Value.Id < to.Value.Id ? (from, to) : (to, from);
    using (first.GetLock().Acquire())
    {
        if (!second.GetLock().TryAcquire(TimeSpan.FromSeconds(10)))
        {
            Console.WriteLine($"process {Environment.ProcessId} waited 10 s for account {second.Value.Id}'s lock, and gave up");
            return;
        }
        Move(from, to, 10);
        second.GetLock().Release();
    }
    Console.WriteLine($"process {Environment.ProcessId} took account {first.Value.Id}'s lock, then account {second.Value.Id}'s, and moved 10 from account {from.Value.Id} to account {to.Value.Id}");
}

using (var one = new SharedValue<Account>(new Account(1, 100)))
using (var two = new SharedValue<Account>(new Account(2, 100)))
using (var start = new SharedBarrier(2, timeout: TimeSpan.FromSeconds(30)))
{
    List<ChildProcess> pair = [ChildProcess.Create(TransferInOrder, one, two, start), ChildProcess.Create(TransferInOrder, two, one, start)];
    pair[0].Name = "one order: 1 to 2";
    pair[1].Name = "one order: 2 to 1";
    transfers.AddRange(pair);
    pair.StartAll();
    pair.JoinAll();
    Console.WriteLine($"Balances: account 1 {one.Value.Balance}, account 2 {two.Value.Balance}; total {one.Value.Balance + two.Value.Balance}, as before.");
}

// The four processes' lifetimes, from the first start. Each deadlocked process spent 1 s of its
// life waiting for a lock it could never get; the pair that took the locks in one order waited only
// while the other held them, for the moment a transfer takes. The rest of every bar is a runtime
// starting and ending.

LessonApp.Show(TimelineChart.For(transfers, "Two transfers: locks in opposite orders, then in one order"));

// ## Add locally, then once under the lock
//
// Lesson 2 fixed a race with a lock around every `counter.Value += 1`. That is correct, and slow:
// every addition takes and gives back a lock that another process wants, so the processes take
// turns for each single step. Microsoft's guide to parallel pitfalls puts "avoid writing to shared
// memory locations" right after "parallel is not always faster". The fix: each process adds into a
// local variable, then adds its total once, under the lock. Both designs below, on the same two
// warm worker processes, taking turns:

static int AddEachUnderTheLock(SharedValue<long> total, int times)
{
    for (int i = 0; i < times; i++)
        using (total.GetLock().Acquire()) total.Value += 1;
    return Environment.ProcessId;   // which worker did it
}

static int AddLocallyThenOnce(SharedValue<long> total, int times)
{
    long mine = 0;
    for (int i = 0; i < times; i++) mine += 1;
    using (total.GetLock().Acquire()) total.Value += mine;
    return Environment.ProcessId;
}

const int Times = 200_000;
var eachTime = new List<double>();
var once = new List<double>();
bool allRight = true;
var pids = new HashSet<int>();
using (var adders = new ProcessPool(processes: 2))
{
    double TimeBoth(Func<SharedValue<long>, int, int> add)   // runs here, and gives add to both workers at once
    {
        using var total = new SharedValue<long>(0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var a = adders.ApplyAsync(add, total, Times);
        var b = adders.ApplyAsync(add, total, Times);
        pids.Add(a.Get(TimeSpan.FromSeconds(60)));
        pids.Add(b.Get(TimeSpan.FromSeconds(60)));
        allRight &= total.Value == 2L * Times;
        return clock.Elapsed.TotalMilliseconds;
    }
    for (int round = 0; round <= 3; round++)   // round 0 warms both up, and is not kept
    {
        double lockMs = TimeBoth(AddEachUnderTheLock), localMs = TimeBoth(AddLocallyThenOnce);
        if (round > 0) { eachTime.Add(lockMs); once.Add(localMs); }
    }
}
double eachMs = Statistics.Median(eachTime), onceMs = Statistics.Median(once);
Console.WriteLine($"Both designs counted 2 × {Times:N0} = {2 * Times:N0} every time: {allRight}. Worker processes: {PythonList.Format(pids.Order())}.");
Console.WriteLine($"A lock per addition ({2 * Times:N0} acquisitions): median {eachMs:0.0} ms (runs {eachTime.Min():0.0}–{eachTime.Max():0.0} ms).");
Console.WriteLine($"Add locally, then once under the lock (2 acquisitions): median {onceMs:0.0} ms (runs {once.Min():0.0}–{once.Max():0.0} ms).");
Console.WriteLine(eachTime.Min() > once.Max()
    ? $"Adding locally was {eachMs / onceMs:0}× faster, beyond the spread of the runs."
    : once.Min() > eachTime.Max()
        ? "This time the lock per addition was faster, beyond the spread: unexpected; run the cell again."
        : "This time the two overlapped within their spread: a busy machine can hide the difference; run the cell again.");

// ## Summary
//
// - `SharedQueue<T>`, `Pipe.Create<T>()` and `SharedBarrier` are Python's `Queue`, `Pipe()` and
//   `Barrier`, passed to children as a `SharedArray` is.
// - A producer and a consumer need no knowledge of each other, only a queue and an end marker no
//   real item can be.
// - Joining before draining hangs once a child's items do not fit: the operating system's pipe in
//   Python, the queue's buffer here. Drain first in both.
// - A pipe carries messages; data that several processes read belongs in shared memory, which is
//   mapped, not copied.
// - Two locks taken in opposite orders can deadlock; one lock order everywhere (or a timeout, to
//   notice) cures it.
// - Shared writes cost: add locally, then combine once.
//
// ## Exercise
//
// Three consumers now share one queue. Each runs `ConsumeUntilQuiet` below, which is `Consume` that
// gives up after 1 s with nothing to take. **Predict first**: how many end markers must the
// producer put for all three to end with a marker, and where? Then write `ProduceFor`, which puts
// the numbers 1 to `count` and the end markers. The check runs your `ProduceFor` here, then starts
// three consumers, and checks that each ended at a marker, that together they took every number
// once, and that nothing was left in the queue. If you are stuck after a try, run `Exercise.Hint()`
// in a new cell: it shows a code skeleton.

static void ConsumeUntilQuiet(SharedQueue<int> queue, SharedQueue<Ending> endings)
{
    int count = 0;
    long sum = 0;
    try
    {
        for (int n = queue.Get(timeout: TimeSpan.FromSeconds(1)); n != 0; n = queue.Get(timeout: TimeSpan.FromSeconds(1))) { count++; sum += n; }
        endings.Put(new Ending(count, sum, AtMarker: true));
    }
    catch (QueueEmptyException)
    {
        endings.Put(new Ending(count, sum, AtMarker: false));
    }
}

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static void ProduceFor(SharedQueue<int> queue, int count, int consumers)
{
    // Your code here: put 1 to count, and the end markers.
}
// ▲ End of your answer.

// ProduceFor runs here, bounded; the consumers run in children, joined with a bound, and report how they ended.
using (var work = new SharedQueue<int>())
using (var endings = new SharedQueue<Ending>())
{
    string produceProblem = "";
    try
    {
        Exercise.Within(TimeSpan.FromSeconds(30), "ProduceFor(work, 1_000, 3)", () => ProduceFor(work, 1_000, 3));
    }
    catch (TimeoutException e)
    {
        produceProblem = e.Message;
    }
    var ends = new List<Ending>();
    if (produceProblem == "")
    {
        var consumers = Enumerable.Range(0, 3).Select(_ => ChildProcess.Create(ConsumeUntilQuiet, work, endings)).ToList();
        consumers.StartAll();
        produceProblem = ExerciseChildren.JoinAll(consumers, TimeSpan.FromSeconds(60), "ConsumeUntilQuiet") ?? "";
        try
        {
            while (ends.Count < 3) ends.Add(endings.Get(timeout: TimeSpan.FromSeconds(5)));
        }
        catch (QueueEmptyException) { } // a consumer that was stopped left no ending
    }
    int stuck = ends.Count(e => !e.AtMarker), taken = ends.Sum(e => e.Count), left = work.Count;
    long sum = ends.Sum(e => e.Sum);
    string problem = produceProblem != "" ? produceProblem
        : stuck == 0 && taken == 1_000 && sum == 500_500 && left == 0 ? ""
        : $"{stuck} of 3 consumers gave up waiting for a marker; they took {taken:N0} numbers summing to {sum:N0} (expected 1,000 and 500,500); {left} items were left in the queue. Each consumer stops at the first marker it takes: think about how many it needs, when it should meet one, and which numbers could be mistaken for one.";
    Exercise.Check("ProduceFor", problem == "",
        "all 3 consumers ended at a marker, having taken the 1,000 numbers once between them; nothing was left in the queue.",
        problem,
        """
        static void ProduceFor(SharedQueue<int> queue, int count, int consumers)
        {
            // the numbers: which ones, and before or after the markers?
            for (…) queue.Put(…);
            // the end markers: how many?
            for (…) queue.Put(…);
        }
        """);
}

LessonApp.Finish();

record Tally(int Pid, int Count, long Sum);

record struct Account(int Id, int Balance);

record Ending(int Count, long Sum, bool AtMarker);
