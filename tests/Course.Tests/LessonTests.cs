using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>Every lesson runs in the real pinned kernel, through the course runner, and shows what it teaches.</summary>
[Collection("Kernel")]
public class LessonTests(LessonRuns lessons) : LessonChecks
{
    /// <summary>The lessons are discovered in notebooks/, not listed: they must be numbered 01, 02, … with no gap.</summary>
    [Fact]
    public void TheLessonsAreNumberedInOrderWithNoGap()
    {
        var numbers = LessonRuns.Lessons.Select(p => Path.GetFileName(p)[..2]).ToArray();
        Assert.True(numbers.Length >= 8, $"only {numbers.Length} lessons were found in notebooks/");
        Assert.Equal(Enumerable.Range(1, numbers.Length).Select(n => n.ToString("00")), numbers);
    }

    /// <summary>Every lesson has its teacher's folder: a solution and at least one tempting wrong answer for its check.</summary>
    [Fact]
    public void EveryLessonHasASolutionAndAWrongAnswer()
    {
        foreach (var number in LessonRuns.Lessons.Select(p => Path.GetFileName(p)[..2]))
        {
            Assert.True(LessonRuns.Solutions.ContainsKey(number), $"notebooks/teacher/{number}-…/solution.cs is missing");
            Assert.NotEmpty(LessonRuns.WrongAnswers[number]);
        }
        Assert.Equal(LessonRuns.Lessons.Count, LessonRuns.Solutions.Count);
    }

    protected override Task<NotebookRun> RunAsync(string number) => lessons.RunAsync(number);
}

/// <summary>What every lesson must show, however it was run: the results, the charts, and a check that works.</summary>
public abstract class LessonChecks
{
    const string NotYet = "✗ Not yet";
    const string Correct = "✓ Correct";

    /// <summary>The run of lesson <paramref name="number"/> ("01" to "08"), with a right answer and the check appended.</summary>
    protected abstract Task<NotebookRun> RunAsync(string number);

    [Fact]
    public async Task Lesson1SquaresTenNumbersInAPoolOfWorkerProcessesAndChartsTheCost()
    {
        var run = await RanWithoutErrors("01");
        var kernel = int.Parse(Regex.Match(run.Output("This lesson runs in process"), @"process (\d+)").Groups[1].Value);
        var map = run.Output("pool.Map(Square");
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", map);
        // Each number squared once, by workers, never by the kernel; how many workers took part depends on which were ready.
        var squared = Regex.Matches(map, @"process (\d+) squares (\d)");
        Assert.Equal(Enumerable.Range(0, 10), squared.Select(m => int.Parse(m.Groups[2].Value)).Order());
        var workers = squared.Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.InRange(workers.Count, 1, 5);
        Assert.DoesNotContain(kernel, workers);
        AssertChart(run.Html("var trivial ="), "Trivial work");
        AssertChart(run.Html("var heavy ="), "CPU-heavy work");
        var verdicts = run.Output("var startup =");
        Assert.Matches(@"Heavy work: +Processes: [\d.]+× (faster|slower)", verdicts);
        Assert.Matches(@"Processes: .*kept [\d.]+ cores busy on average", verdicts);
        Assert.Matches(@"Threads: .*kept [\d.]+ cores busy on average", verdicts);
        Assert.Matches(@"Predicted for processes: .* = \d+ ms; measured \d+ ms", verdicts);
        Assert.Matches(@"PLINQ: \d+ counts in \d+ ms", run.Output("AsParallel()"));
        AssertExercise(run, "checkPool.MapAsync(SumOfSquares");
        // The endless answer (a short counter that never passes 100,000) ran in the pool's workers: the check gave up
        // after its bound, named the function, and the workers it stopped are gone.
        var endless = run.Outputs("checkPool.MapAsync(SumOfSquares")[1 + Array.FindIndex(LessonRuns.WrongAnswers["01"], a => a.Contains("short i"))];
        Assert.Contains("✗ Not yet", endless);
        var stopped = Regex.Match(endless, @"SumOfSquares did not finish within 20 s in the pool's worker processes \(pids \[(?<pids>[\d, ]+)\]\), which were stopped");
        Assert.True(stopped.Success, endless);
        foreach (var pid in stopped.Groups["pids"].Value.Split(", ").Select(int.Parse))
            Assert.False(IsRunning(pid), $"worker {pid} of the endless SumOfSquares is still running");
    }

    /// <summary>Whether process <paramref name="pid"/> still runs (a zombie waiting for its parent does not count).</summary>
    static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            if (process.HasExited) return false;
            var stat = File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : "";
            return !stat.Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Lesson2BacksEveryRowOfTheTableWithARun()
    {
        var run = await RanWithoutErrors("02");
        AssertChart(run.Html("var cpu ="), "CPU-bound");
        Assert.Matches(@"Threads: .*kept [\d.]+ cores busy on average", run.Output("cpu.Verdict"));
        Assert.Matches(@"Processes: .*kept [\d.]+ cores busy on average", run.Output("cpu.Verdict"));
        AssertChart(run.Html("var io ="), "I/O-bound");
        Assert.Contains("ideal: 4× faster", run.Html("var io ="));
        // Whether starting the runtimes paid follows the processes' verdict.
        var io = run.Output("io.ClearlyFaster");
        var processes = Regex.Match(io, @"Processes: [^\n]*").Value;
        Assert.Contains(processes.Contains("within the spread") ? "Starting 4 runtimes about broke even"
            : processes.Contains("faster than the loop") ? "It paid to start 4 runtimes" : "It did not pay to start 4 runtimes", io);
        Assert.Matches(@"12 waits of 40 ms with await Task.WhenAll: \d+ ms", run.Output("Task.WhenAll"));
        AssertChart(run.Html("var startup ="), "Start one");
        Assert.Matches(@"One thread: [\d.]+ ms\. One process: [\d.]+ ms", run.Output("var threadMs"));
        // More processes than cores, and the verdict follows the measured ratio.
        var turns = run.Output("var turns =");
        var crowd = Regex.Match(turns, @"One process alone: \d+ ms\. (\d+) at once: \d+ ms, ([\d.]+)× as long");
        Assert.True(crowd.Success, turns);
        Assert.Equal(Math.Clamp(2 * Environment.ProcessorCount + 1, 5, 65), int.Parse(crowd.Groups[1].Value));
        var longer = double.Parse(crowd.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (longer >= 2.05) Assert.Contains("the processes took turns for the cores", turns);
        if (longer <= 1.95) Assert.Contains("does not show the turns clearly", turns);

        var memory = run.Output("After a thread:");
        Assert.Contains("After a thread:  the parent sees 1", memory);
        Assert.Contains("After a process: the parent sees 1", memory); // the child's change stayed in the child
        Assert.Equal(2, Regex.Matches(memory, @"in process \d+: Counter.Value = 1").Select(m => m.Value).Distinct().Count());

        var race = run.Output("Interlocked.Increment(ref atomic)");
        // A race may miss on a busy machine; then the cell must say so, not claim one.
        var lost = int.Parse(Regex.Match(race, @"no lock: +[\d,]+ \(([\d,]+) updates lost").Groups[1].Value.Replace(",", ""));
        Assert.True(lost > 0 || race.Contains("No update was lost in 20 runs"), race);
        Assert.Contains("count++ inside lock:    10,000,000", race);
        Assert.Contains("Interlocked.Increment:  10,000,000", race);
        var shared = run.Output("RaceInChildren(RacingIncrements, useLock: false)");
        Assert.Matches(@"without the lock: [\d,]+ of 10,000,000 \([1-9][\d,]* updates lost|No update was lost in 10 runs", shared);
        Assert.Contains("with the lock:    1,000,000 of 1,000,000", shared);
        var abandoned = run.Output("ChildProcess.Create(DieHoldingTheLock");
        Assert.Contains("The child was killed (exit code 137) holding the lock. The next Acquire took it over, and threw AbandonedMutexException", abandoned);
        Assert.Contains("The value it guards reads -1: half-written.", abandoned);

        var crash = run.Output("new ChildProcess(Crash)");
        Assert.Contains("something broke in the child", crash);
        Assert.Contains("The child exited with code 1", crash);
        Assert.Contains("The exception on the child's thread ended the whole child, with exit code 134", run.Output("new ChildProcess(CrashOnAThread)"));
        var fatal = run.Output("Environment.FailFast\", GiveUp");
        Assert.Matches(@"After a stack overflow, the child exited with code 134", fatal);
        Assert.Matches(@"After Environment.FailFast, the child exited with code 134", fatal);
        Assert.Contains("Killed, it exited with code 137 (128 + SIGKILL's 9).", run.Output("new ChildProcess(Spin)"));
        AssertExercise(run, "ChildProcess.Create(AddOneWhenReady");
        // The answer that sets the total instead of adding: the counter started at 1,000.
        Assert.Contains("the parent sees 800,000, expected 1,000 + 4 × 200,000 = 801,000", run.Outputs("ChildProcess.Create(AddOneWhenReady")[2]);
    }

    [Fact]
    public async Task Lesson3CubesTheSharedArrayInFifteenProcesses()
    {
        var run = await RanWithoutErrors("03");
        var cubes = string.Join(", ", Enumerable.Range(2, 15).Select(n => n * n * n));
        Assert.Contains($"after:  [{cubes}]", run.Output("ChildProcess.Create(CubeInPlace, numbers, i)"));
        var table = run.Output("exit code {child.ExitCode}");
        Assert.Equal(15, Regex.Matches(table, @"pid (\d+) +exit code 0").Select(m => m.Groups[1].Value).Distinct().Count());
        AssertChart(run.Html("TimelineChart.For(children"), "15 child processes");
        AssertChart(run.Html("var cost ="), "Cube 15 numbers");
        // Debugging a child: it prints its pid, the one the parent started.
        var debuggee = run.Output("ChildProcess.Create(WaitForADebugger");
        var started = Regex.Match(debuggee, @"Started child 1 as process (\d+)").Groups[1].Value;
        Assert.Contains($"child 1 is process {started}: attach a debugger to that pid", debuggee);
        Assert.Contains($"process {started}: no debugger came within 500 ms", debuggee);
        Assert.Contains("Child 1 exited with code 0.", debuggee);
        // What cannot travel: the capturing lambda is refused, naming what it captures; passed as an argument, the value goes.
        Assert.Contains("Refused, with ArgumentException: The lambda", run.Output("int factor = 3;"));
        Assert.Contains("captures factor", run.Output("int factor = 3;"));
        Assert.Matches(@"process \d+ got factor 3 as an argument: 3 × 2 = 6", run.Output("static (int f) =>"));
        // The prediction: 15 real children cube their copies of a plain int[], and the parent's array stays as it was.
        AssertExercise(run, "ChildProcess.Create(CubeAndReport");
        var plain = string.Join(", ", Enumerable.Range(2, 15));
        Assert.Contains($"the parent still sees [{plain}], as you predicted", run.LastOutput());
        Assert.Contains($"the children's copies held [{cubes}]", run.LastOutput());
        // Predicting the cubes (as with a SharedArray) is told how many places differ, not the answer.
        var cubesPredicted = run.Outputs("ChildProcess.Create(CubeAndReport")[1];
        Assert.Contains("differs from it at 15 of 15 places", cubesPredicted);
        Assert.DoesNotContain($"[{plain}]", cubesPredicted);
    }

    [Fact]
    public async Task Lesson4ShowsTheFourWaysToSubmitWorkAndTheWorkersReused()
    {
        var run = await RanWithoutErrors("04");
        Assert.Matches(@"The pool started 2 workers: pids \[\d+, \d+\]\. This lesson runs in process \d+\.", run.Output("pool.WorkerPids"));
        Assert.Contains("pool.Apply(Square, 7) = 49", run.Output("pool.Apply(Square, 7)"));
        var async = run.Output("var pending =");
        Assert.Contains("Just after ApplyAsync: Ready = False", async);
        Assert.Contains("= 64; now Ready = True", async);
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", run.Output("var squares ="));
        var all = run.Output("var all =");
        Assert.Contains("[1, 4, 9, 16, 25, 36]", all);
        Assert.Matches(@"counted the primes below 20,000 [1-9]\d* times", all);
        Assert.Matches(@"\d+ tasks ran on 2 worker processes, carrying \d+ calls: Map's 10 items travelled as 5 chunks of 2", run.Output("var tasks ="));
        AssertChart(run.Html("var tasks ="), "Every task this pool ran");
        Assert.Matches(@"\d+ tasks, each counting the primes below [\d,]+\. A fresh pool of \d+ workers, from creation to its answers: median \d+ ms", run.Output("var startups ="));
        AssertChart(run.Html("var reuse ="), "Process per task");
        // The cost model's numbers are this run's, and the pool against a process per task is held to the spread.
        var model = run.Output("var pooled =");
        Assert.Matches(@"One task took about [\d.]+ ms in the loop", model);
        Assert.Matches(@"Cost model: a pool = start-up once \+ work / workers = \d+ \+ \d+ / \d+ = \d+ ms, .*A process per task = tasks / workers × start-up \+ work / workers = \d+ / \d+ × \d+ \+ \d+ = \d+ ms \(measured: \d+ ms\)", model);
        Assert.Matches("beat a new process per task in every run|beat the warm pool in every run|overlapped within their spread", model);
        // The choice, judged by the model: the default and a chunksize of 1 both lose, each with its reason; 25 wins.
        AssertExercise(run, "ModelledMap(unevenTasks, ModelWorkers, chosen)");
        var choices = run.Outputs("ModelledMap(unevenTasks, ModelWorkers, chosen)");
        Assert.Contains("the default (625) takes 2702 ms, so the bar is 1351 ms. Big chunks", choices[1]);
        Assert.Contains("with a chunksize of 1, the model's map takes 2113 ms", choices[2]);
        Assert.Contains("Small chunks", choices[2]);
        Assert.Contains("a chunksize of 25: the model's map takes 913 ms against the default's 2702 ms", run.LastOutput());
        Assert.Contains("a real pool sent 10,000 items as 400 tasks of up to 25", run.LastOutput());
    }

    [Fact]
    public async Task Lesson5RunsThePythonExampleAndTheTimeoutFires()
    {
        var run = await RanWithoutErrors("05");
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", run.Output("new ProcessPool(processes: 4)"));
        var naps = run.Output("pool.ImapUnordered(Nap, naps)");
        Assert.Contains("differs from input order", naps);
        Assert.Contains("Python's pool would give [10, 50, 150, 20, 250, 100, 300, 400]", naps);
        Assert.Contains("the 150 ms nap starts at 10 ms and ends at 160 ms", naps);
        Assert.Matches("The order measured is Python's|The order measured parts from Python's at place", naps);
        Assert.Contains("ApplyAsync(F, 20).Get(timeout: 1 s) = 400", run.Output("pool.ApplyAsync(F, 20)"));
        Assert.Contains("We lacked patience and got a TimeoutException", run.Output("pool.ApplyAsync(Nap, 10_000)"));
        var failed = run.Output("pool.Map(NapOrFail");
        Assert.Matches(@"Map raised RemoteException \(System.ArgumentOutOfRangeException: this task fails at once.*\) from worker \d+, \d+ ms after the call", failed);
        Assert.Matches("had not finished: Map raised the first error as it arrived|does not tell the two apart", failed);
        Assert.Contains("failed instead of hanging: The pool was terminated", run.Output("pool.Dispose()"));
        AssertChart(run.Html("Compare.ChunksizeSweep"), "time by chunksize");
        Assert.Matches(@"for these 10,000 items on a pool of \d+ workers", run.Output("Left to choose"));
        var copy = run.Output("dataPool.Apply(SumOfCopy");
        Assert.Contains("Both sums are 124,999,750,000: the same.", copy);
        var copyMs = int.Parse(Regex.Match(copy, @"MB of JSON: median (\d+) ms").Groups[1].Value);
        var sharedMs = int.Parse(Regex.Match(copy, @"one SharedArray: median (\d+) ms").Groups[1].Value);
        Assert.True(copyMs > sharedMs, copy);
        Assert.Matches(@"Copying cost about \d+ ms per task, every task; shared memory is mapped, not copied|overlapped within their spread", copy);
        // Amdahl's law: a speedup for every worker count up to twice the cores, each beside its ideal.
        AssertChart(run.Html("Compare.WorkersSweep"), "speedup by workers");
        var sweep = run.Output("amdahl.Points");
        var counts = Regex.Matches(sweep, @"^ *(\d+) workers?: +[\d.]+× the loop's speed \(ideal [\d.]+×\)$", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([1, 2 * Environment.ProcessorCount], [counts[0], counts[^1]]);
        Assert.Matches(@"Read through Amdahl's law|all the cores allow|fixed costs outweighed the work|On one core there is nothing to split", sweep);
        Assert.Contains("workers beyond the cores add turns, not cores", sweep);
        AssertExercise(run, "GetOrDefault(checkPool");
    }

    [Fact]
    public async Task Lesson6FourProcessesPrintFourNumbersUnderFourPids()
    {
        var run = await RanWithoutErrors("06");
        var printed = Regex.Matches(run.Output("ChildProcess.Create(PrintRandom, i)"), @"child \d \(process (\d+)\) printed (\d+)");
        Assert.Equal(4, printed.Count);
        Assert.Equal(4, printed.Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.All(printed, m => Assert.InRange(int.Parse(m.Groups[2].Value), 1, 100));

        Assert.Matches(@"had a repeat: [\d.]+ %\. The exact chance is .* = 5\.89 %", run.Output("const int Trials"));
        var dealt = Regex.Matches(run.Output("ChildProcess.Create(PrintNumber, i, deck[i])"), @"child \d \(process (\d+)\) printed (\d+)");
        Assert.Equal(4, dealt.Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.Equal(4, dealt.Select(m => m.Groups[2].Value).Distinct().Count()); // four different numbers, every run

        var seeded = Regex.Matches(run.Output("ChildProcess.Create(PrintSeeded, i)"), @"child \d \(process (\d+)\) printed (\d+)");
        Assert.Equal(4, seeded.Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.Single(seeded.Select(m => m.Groups[2].Value).Distinct());

        Assert.Equal(5, Regex.Matches(run.Output("TakeTicket, next, order, i"), @"round \d: children took tickets in the order \[[0-3], [0-3], [0-3], [0-3]\]").Count);
        AssertChart(run.Html("TimelineChart.For(children"), "Four processes");
        AssertChart(run.Html("var cost ="), "Draw 4 random numbers");
        AssertExercise(run, "DealInChildren(7)");
    }

    [Fact]
    public async Task Lesson7PassesMessagesDeadlocksAndCuresItAndAddsLocally()
    {
        var run = await RanWithoutErrors("07");
        var pair = run.Output("ChildProcess.Create(Produce, numbers, 10_000)");
        Assert.Contains("took 10,000 numbers summing to 50,005,000", pair);
        var producer = Regex.Match(pair, @"The producer, process (\d+)").Groups[1].Value;
        var consumer = Regex.Match(pair, @"The consumer, process (\d+)").Groups[1].Value;
        Assert.True(producer.Length > 0 && consumer.Length > 0 && producer != consumer, pair);

        // Joined before draining: the child ends when its items fit the buffer, and waits in Put when they do not.
        var drain = run.Output("JoinBeforeDraining(4096");
        Assert.Contains("1,048,576-byte buffer: Join returned before any Get; the child had ended (exit code 0), its 10,000 numbers waiting in the queue.", drain);
        Assert.Contains("4,096-byte buffer: after 1 s, Join gave up. The child is still alive: its Put waits for room", drain);
        Assert.Contains("After this notebook took all 10,000, Join returned True", drain);

        var pipe = run.Output("mine.Send(data)");
        Assert.Contains("Both sums are 5,000,050,000: the same.", pipe);
        Assert.Contains("The server ended when the pipe closed: Join returned True, exit code 0.", pipe);
        var copiedMs = double.Parse(Regex.Match(pipe, @"through the pipe and summed: median ([\d.]+) ms").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var mappedMs = double.Parse(Regex.Match(pipe, @"only the request sent: median ([\d.]+) ms").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(copiedMs > 0 && mappedMs > 0, pipe);
        Assert.Matches(@"Copying cost about [\d.]+ ms a round trip|shared array was slower, beyond the spread|overlapped within their spread", pipe);

        var deadlock = run.Output("ChildProcess.Create(Transfer, one, two, meeting)");
        Assert.Equal(2, Regex.Matches(deadlock, @"process \d+ held account \d's lock, waited 1 s for account \d's, and gave up").Count);
        Assert.Contains("Balances: account 1 100, account 2 100. Neither transfer happened.", deadlock);
        var cured = run.Output("ChildProcess.Create(TransferInOrder, one, two, start)");
        Assert.Equal(2, Regex.Matches(cured, @"process \d+ took account 1's lock, then account 2's, and moved 10").Count);
        Assert.Contains("Balances: account 1 100, account 2 100; total 200, as before.", cured);
        AssertChart(run.Html("TimelineChart.For(transfers"), "Two transfers");

        var adding = run.Output("TimeBoth(AddEachUnderTheLock)");
        Assert.Contains("Both designs counted 2 × 200,000 = 400,000 every time: True.", adding);
        Assert.Matches(@"Adding locally was \d+× faster, beyond the spread|lock per addition was faster, beyond the spread|overlapped within their spread", adding);
        AssertExercise(run, "ProduceFor(work, 1_000, 3)");
        // One marker for three consumers: two of them wait for one that never comes.
        Assert.Contains("2 of 3 consumers gave up waiting for a marker", run.Outputs("ProduceFor(work, 1_000, 3)")[1]);
    }

    [Fact]
    public async Task Lesson8MapsOnAPoolAndAClusterAndSurvivesAKilledSilo()
    {
        var run = await RanWithoutErrors("08");
        var onPool = Regex.Match(run.Output("var pool = new ProcessPool(processes: Environment.ProcessorCount)"), @"pool\.Map\(CountPrimes, limits\) = (\[[\d, ]+\])").Groups[1].Value;
        Assert.Equal("[25997, 25997, 25997, 25997, 25997, 25997, 25997, 25997]", onPool);
        var poolStartup = Regex.Match(run.Output("var pool = new ProcessPool(processes: Environment.ProcessorCount)"), @"The pool started (?:\d+) workers, pids \[[\d, ]+\], and answered its first call in (\d+) ms");
        var started = run.Output("await LocalCluster.StartAsync(silos: 2");
        Assert.Contains($"client.MapAsync(CountPrimes, limits) = {onPool}", started);
        Assert.Contains("The same results as the pool's.", started);
        var clusterStartup = Regex.Match(started, @"The cluster started 2 silos, pids \[\d+, \d+\], and answered its first call in (\d+) ms");
        Assert.True(poolStartup.Success && clusterStartup.Success, started);
        AssertChart(run.Html("var hops = Compare.Run"), "loop, threads, processes, cluster");
        foreach (var mode in new[] { "Sequential", "Threads", "Processes", "Cluster" })
            Assert.Contains($">{mode}<", run.Html("var hops = Compare.Run"));
        // Each way's verdict is held to the spread, and the round trips are set against the time it lost, not offered as its cause.
        var calls = run.Output("RunsMs(() => client.Apply");
        foreach (var mode in new[] { "Threads", "Processes", "Cluster" })
            Assert.Matches($@"{mode}: [\d.]+× (faster|slower) than the loop", calls);
        Assert.Matches(@"its \d+ calls' round trips, at [\d.]+ ms each, account for [\d.]+ ms of that|no more than the ideal", calls);

        // The 10,000 tiny tasks, and the four figures side by side: the start-ups are the ones measured above, not measured again.
        var tiny = ClusterFigures.TinyMaps(run.Output("int[] tiny ="));
        var sideBySide = run.Output("static string Rounded");
        var figures = ClusterFigures.Table(sideBySide);
        Assert.Equal(double.Parse(poolStartup.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), figures[ClusterFigures.StartUp].Pool);
        Assert.Equal(double.Parse(clusterStartup.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), figures[ClusterFigures.StartUp].Cluster);
        Assert.InRange(figures[ClusterFigures.TinyTasks].Pool, tiny.Pool * 0.9, tiny.Pool * 1.1);
        Assert.InRange(figures[ClusterFigures.TinyTasks].Cluster, tiny.Cluster * 0.9, tiny.Cluster * 1.1);
        const string gate = "(clearly (longer|shorter)|but their runs overlapped: no clear difference)";
        foreach (var gap in new[] { @"Start-up: the cluster took [\d.]+× the pool's time, in one start each, so no spread to hold it to\.", $@"One call: [\d.]+× the pool's round trip, {gate}",
                     $@"10,000 tiny tasks: [\d.]+× the pool's time, {gate}", @"The CPU-heavy map ran at [\d.]+× the loop's speed on the pool and [\d.]+× on the cluster\. (The pool was clearly faster|The cluster was clearly faster|Their runs overlapped: no clear difference)" })
            Assert.Matches(gap, sideBySide);
        // The summary follows the measurement: it no longer says the cluster only adds cost.
        Assert.DoesNotContain(run.Document.Elements, e => e.Contents.Contains("adds cost and no cores", StringComparison.Ordinal));

        // The killed silo's calls failed with SiloLostException within about the call timeout, and later maps succeeded.
        var killed = run.Output("cluster.KillSilo(1)");
        Assert.True(killed.Contains("SiloLostException: A call failed", StringComparison.Ordinal), killed);
        var waited = double.Parse(Regex.Match(killed, @"The caller saw, ([\d.]+) s later \(the call timeout is 10 s\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(waited, 0, 25);
        Assert.Matches(@"and [1-9]\d* were lost with silo 1", killed);
        AssertChart(run.Html("cluster.KillSilo(1)"), "silo 1 died");
        var after = run.Output("var afterKill =");
        Assert.Contains($"= {onPool}, the same as before", after);
        Assert.Matches(@"run by pids \[\d+\] \(silo 0 is \d+\)", after);
        Assert.Contains("silo 1 alive: False", after);
        Assert.Contains("(silo 0 alive: False)", run.Output("await cluster.DisposeAsync()"));
        AssertExercise(run, "CallsForMap(c.Items, c.Silos, c.Cores)");
    }

    async Task<NotebookRun> RanWithoutErrors(string number)
    {
        var run = await RunAsync(number);
        Assert.True(run.Succeeded, $"{Path.GetFileName(run.Path)} cell {run.Failure?.Cell}: {run.Failure?.Message}");
        Assert.DoesNotContain(run.Document.Elements.SelectMany(c => c.Outputs), o => o is ErrorElement);
        AssertNoMachinePath(run);
        // Run through Jupyter, the kernel once wrote its HTTP API bootstrap, with every address of the machine, into the first cell.
        MachineAddresses.AssertNoneIn(string.Join("\n", run.Document.Elements.Select(Samples.Output)), Path.GetFileName(run.Path));
        return run;
    }

    /// <summary>
    /// No output shows where the lesson ran (the repository, the user's home, the NuGet cache): handouts are shared,
    /// and the setup cell once showed the kernel's path to Plotly.NET in the NuGet cache.
    /// </summary>
    static void AssertNoMachinePath(NotebookRun run)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile).TrimEnd('/', '\\');
        string[] paths = [Samples.Root, home + Path.DirectorySeparatorChar, ".nuget/packages", ".nuget\\packages"];
        foreach (var cell in run.Document.Elements.Where(cell => cell.Outputs.Count > 0))
        {
            var output = Samples.Output(cell);
            foreach (var path in paths.Where(path => path.Trim('/', '\\').Length > 0))
            {
                var at = output.IndexOf(path, StringComparison.OrdinalIgnoreCase);
                Assert.True(at < 0, $"{Path.GetFileName(run.Path)}: the cell \"{cell.Contents.Split('\n')[0]}\" shows {path}: …{output.Substring(Math.Max(0, at - 80), Math.Min(output.Length - Math.Max(0, at - 80), 200))}…");
            }
        }
    }

    /// <summary>The cell shows a figure: its static image (which every front end shows), its data, and the title.</summary>
    static void AssertChart(string html, string title)
    {
        Assert.Contains("<img class=\"mp-figure-image\"", html);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
        Assert.Contains("class=\"mp-figure-data\"", html);
        Assert.Contains(title, System.Net.WebUtility.HtmlDecode(html));
    }

    /// <summary>
    /// The lesson's check rejects the stub it ships with and each known wrong answer (run after it), and accepts the
    /// solution run last.
    /// </summary>
    static void AssertExercise(NotebookRun run, string checkSnippet)
    {
        var number = Path.GetFileName(run.Path)[..2];
        var wrong = LessonRuns.WrongAnswers[number].Length;
        var checks = run.Outputs(checkSnippet);
        Assert.Equal(wrong + 2, checks.Count);
        for (int i = 0; i <= wrong; i++)
            Assert.Contains(NotYet, checks[i]); // the stub, then each wrong answer
        Assert.Contains(Correct, checks[^1]);
        Assert.Contains(Correct, run.LastOutput());
        AssertHintsInSteps(number, checks[0], run.OutputsOfCell(LessonRuns.AskForAHint));
    }

    /// <summary>
    /// Hints come in steps: asked for before any check, the hint says to try first; the stub's "Not yet" is a nudge with
    /// no code and no line of the solution; asked for after it, the hint is a code skeleton that holds no line of the solution either.
    /// </summary>
    static void AssertHintsInSteps(string number, string stubCheck, IReadOnlyList<string> hints)
    {
        Assert.Equal(2, hints.Count);
        Assert.Contains("No hint yet: write your answer and run the check cell first", hints[0]);
        Assert.Contains("(attempt 1)", stubCheck);
        Assert.Contains("Exercise.Hint()", stubCheck);
        var notYet = stubCheck[stubCheck.IndexOf(NotYet, StringComparison.Ordinal)..].Split('\n')[0];
        Assert.DoesNotMatch(@"\w\([^)]*\);|=>|[{}]|\bnew \w|\breturn\b", notYet);
        Assert.Matches(@"^Hint for \w+:", hints[1].TrimStart());
        Assert.Matches(@"[{}]|\w\(.*\)", hints[1]);
        foreach (var line in SolutionLines(number))
        {
            Assert.DoesNotContain(line, notYet);
            Assert.DoesNotContain(line, hints[1]);
        }
    }

    /// <summary>The lines of a lesson's solution that give it away: longer than a brace, and not its signature.</summary>
    static IEnumerable<string> SolutionLines(string number)
    {
        var solution = LessonRuns.Solutions[number].Split('\n').Select(line => line.Trim()).ToArray();
        var signature = solution[0][..(solution[0].IndexOf(')') + 1)];
        return solution.Where(line => line.Length > 1 && line != signature);
    }
}
