using System.Diagnostics;
using Multiprocessing.Hosting;
using Multiprocessing.Wire;

namespace Multiprocessing.Measurements;

/// <summary>
/// Times the same work three ways (a plain loop, a <see cref="ThreadWorkerPool"/>, a <see cref="ProcessPool"/>)
/// and reports the speedups. The function goes to worker processes, so it must be a static method or a lambda that captures nothing.
/// <para>
/// Before timing, the function is brought to its optimized (tier-1) code in this process: called untimed until the runtime
/// reports it, for at most a second (see <see cref="JitWarmup"/>); then every mode runs <see cref="CompareOptions.Warmups"/>
/// untimed times. Worker processes start cold, and a fresh pool each repeat times that too, as a program pays it.
/// </para>
/// <para>Each measurement shows its progress through the front end (<see cref="IFrontEnd.StartProgress"/>).</para>
/// </summary>
public static class Compare
{
    /// <summary>
    /// Equivalent of timing <c>[function(x) for x in items]</c> against <c>Pool.map(function, items)</c> with threads and with processes.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="title"/>, <paramref name="function"/> or <paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before anything runs, when a worker process could not run <paramref name="function"/> (a capturing lambda), when there are no items, or when <paramref name="options"/> leaves out Sequential.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a value in <paramref name="options"/> cannot be measured with (Repeats below 1, for example).</exception>
    /// <exception cref="InvalidOperationException">Throws when a pool's results differ from the loop's: the times would measure different work.</exception>
    public static Comparison Run<T, TResult>(string title, Func<T, TResult> function, IEnumerable<T> items, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        options ??= new CompareOptions();
        options.Check();
        var list = ItemsToTime("Compare.Run", function, items);
        using var progress = FrontEnd.Current.StartProgress($"Measuring {title}…");
        return Measure(title, function, list, options, progress, "");
    }

    /// <summary>
    /// Equivalent of <see cref="Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, CompareOptions?)"/> with one more mode,
    /// <see cref="RunMode.Cluster"/>: <paramref name="cluster"/> maps the items elsewhere (for example
    /// <c>items => client.Map(CountPrimes, items)</c> on a running cluster), and its results must equal the loop's.
    /// The cluster is the caller's and stays running, so its start-up is not in its time: measure that on its own.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="title"/>, <paramref name="function"/>, <paramref name="items"/> or <paramref name="cluster"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, before anything runs, when a worker process could not run <paramref name="function"/>, when there are no items, or when <paramref name="options"/> leaves out Sequential.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a value in <paramref name="options"/> cannot be measured with (Repeats below 1, for example).</exception>
    /// <exception cref="InvalidOperationException">Throws when a pool's or the cluster's results differ from the loop's: the times would measure different work.</exception>
    public static Comparison Run<T, TResult>(string title, Func<T, TResult> function, IEnumerable<T> items,
        Func<IReadOnlyList<T>, IReadOnlyList<TResult>> cluster, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cluster);
        options ??= new CompareOptions();
        options.Check();
        options = options with { Modes = [.. options.ModesToRun, RunMode.Cluster] };
        var list = ItemsToTime("Compare.Run", function, items);
        using var progress = FrontEnd.Current.StartProgress($"Measuring {title}…");
        return Measure(title, function, list, options, progress, "", cluster);
    }

    /// <summary>
    /// Times three ways of doing one job that the caller writes out: <paramref name="sequential"/> is the baseline,
    /// <paramref name="threads"/> and <paramref name="processes"/> the parallel versions (for example starting
    /// <c>Thread</c>s or <c>ChildProcess</c>es and joining them). Each runs in this process, so each may capture variables.
    /// <see cref="CompareOptions.Workers"/> is how many threads or processes they use, for the ideal line.
    /// A null <paramref name="threads"/> leaves threads out, for a job only processes can show.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="title"/>, <paramref name="sequential"/> or <paramref name="processes"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when <paramref name="options"/> sets Modes: this form always times the three actions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a value in <paramref name="options"/> cannot be measured with (Repeats below 1, for example).</exception>
    public static Comparison Run(string title, Action sequential, Action? threads, Action processes, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(sequential);
        ArgumentNullException.ThrowIfNull(processes);
        options ??= new CompareOptions();
        options.Check();
        if (options.Modes is not null)
            throw new ArgumentException("Compare.Run with three actions times the actions given (Sequential, Threads unless null, Processes); leave Modes null.", nameof(options));
        var actions = new Dictionary<RunMode, Action> { [RunMode.Sequential] = sequential, [RunMode.Processes] = processes };
        if (threads is not null)
            actions[RunMode.Threads] = threads;
        options = options with { Modes = [.. actions.Keys] };
        using var progress = FrontEnd.Current.StartProgress($"Measuring {title}…");
        var samples = TimeRotating(options, progress, "", mode =>
        {
            var cpu = ActionCpu(mode);
            long start = Stopwatch.GetTimestamp();
            actions[mode]();
            var elapsed = Stopwatch.GetElapsedTime(start);
            return Timed(elapsed, cpu, ActionCpu(mode));
        });
        return new Comparison(title, options.WorkerCount, 0, Timings(samples), MachineInfo.Current, work: options.Work);
    }

    /// <summary>
    /// Equivalent of calling <see cref="Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, CompareOptions?)"/> on <paramref name="items"/> copies of each work size in
    /// <paramref name="workPerItem"/>, keeping each mode's speedup: where does parallel work start to pay?
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="title"/>, <paramref name="function"/> or <paramref name="workPerItem"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when there are no work sizes, or a worker process could not run <paramref name="function"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a work size or <paramref name="items"/> is below 1, or a value in <paramref name="options"/> cannot be measured with.</exception>
    /// <exception cref="InvalidOperationException">Throws when a pool's results differ from the loop's: the times would measure different work.</exception>
    public static SweepResult Sweep<TResult>(string title, Func<int, TResult> function, IEnumerable<int> workPerItem, int items = 8, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(workPerItem);
        options ??= new CompareOptions();
        options.Check();
        var sizes = workPerItem.ToArray();
        if (sizes.Length == 0)
            throw new ArgumentException("Compare.Sweep needs at least one work size; pass for example [1_000, 10_000, 100_000].", nameof(workPerItem));
        int bad = Array.FindIndex(sizes, w => w < 1);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(workPerItem), sizes[bad], $"Work sizes must be 1 or more, not {sizes[bad]}: the chart's x axis is logarithmic.");
        if (items < 1)
            throw new ArgumentOutOfRangeException(nameof(items), items, $"items must be at least 1, not {items}; it is how many copies of each work size a run processes.");

        var points = MeasureEach(title, function, sizes, "work", size => (Enumerable.Repeat(size, items).ToList(), options));
        return new SweepResult(title, "work per item", options.WorkerCount, MachineInfo.Current, points, items: items);
    }

    /// <summary>
    /// Equivalent of calling <see cref="Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, CompareOptions?)"/> once per chunksize in <paramref name="chunksizes"/>, keeping
    /// each mode's median time: how many items should travel to a worker at a time? The loop's time does not depend on it.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="title"/>, <paramref name="function"/>, <paramref name="items"/> or <paramref name="chunksizes"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when there are no chunksizes or items, <paramref name="options"/> sets Chunksize, or a worker process could not run <paramref name="function"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a chunksize is below 1, or a value in <paramref name="options"/> cannot be measured with.</exception>
    /// <exception cref="InvalidOperationException">Throws when a pool's results differ from the loop's: the times would measure different work.</exception>
    public static SweepResult ChunksizeSweep<T, TResult>(string title, Func<T, TResult> function, IEnumerable<T> items,
        IEnumerable<int> chunksizes, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(chunksizes);
        options ??= new CompareOptions();
        options.Check();
        if (options.Chunksize is not null)
            throw new ArgumentException("ChunksizeSweep sets the chunksize itself; leave CompareOptions.Chunksize null.", nameof(options));
        var sizes = chunksizes.ToArray();
        if (sizes.Length == 0)
            throw new ArgumentException("ChunksizeSweep needs at least one chunksize; pass for example [1, 10, 100].", nameof(chunksizes));
        int bad = Array.FindIndex(sizes, c => c < 1);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(chunksizes), sizes[bad], $"Chunksizes must be 1 or more, not {sizes[bad]}.");
        var list = ItemsToTime("ChunksizeSweep", function, items);
        var points = MeasureEach(title, function, sizes, "chunksize", size => (list, options with { Chunksize = size }));
        return new SweepResult(title, "chunksize", options.WorkerCount, MachineInfo.Current, points, showsTimes: true, items: list.Count);
    }

    /// <summary>
    /// Equivalent of calling <see cref="Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, CompareOptions?)"/> once per worker
    /// count in <paramref name="workerCounts"/>, keeping each mode's speedup: how does the speedup grow with the workers, and where
    /// does it stop (Amdahl's law, and the cores)? The loop runs at every count too, so each speedup is against a loop of the same moment.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="title"/>, <paramref name="function"/>, <paramref name="items"/> or <paramref name="workerCounts"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when there are no worker counts or items, <paramref name="options"/> sets Workers, or a worker process could not run <paramref name="function"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a worker count is below 1, or a value in <paramref name="options"/> cannot be measured with.</exception>
    /// <exception cref="InvalidOperationException">Throws when a pool's results differ from the loop's: the times would measure different work.</exception>
    public static SweepResult WorkersSweep<T, TResult>(string title, Func<T, TResult> function, IEnumerable<T> items,
        IEnumerable<int> workerCounts, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(workerCounts);
        options ??= new CompareOptions();
        options.Check();
        if (options.Workers is not null)
            throw new ArgumentException("WorkersSweep sets the worker count itself; leave CompareOptions.Workers null.", nameof(options));
        var counts = workerCounts.Distinct().Order().ToArray();
        if (counts.Length == 0)
            throw new ArgumentException("WorkersSweep needs at least one worker count; pass for example [1, 2, 4].", nameof(workerCounts));
        if (counts[0] < 1)
            throw new ArgumentOutOfRangeException(nameof(workerCounts), counts[0], $"Worker counts must be 1 or more, not {counts[0]}.");
        var list = ItemsToTime("WorkersSweep", function, items);
        var points = MeasureEach(title, function, counts, "workers", count => (list, options with { Workers = count }));
        return new SweepResult(title, SweepResult.WorkersVaried, counts[^1], MachineInfo.Current, points, items: list.Count);
    }

    /// <summary>
    /// The items as a list, taken once so every mode and repeat sees the same ones. Before anything runs, a function
    /// a child process cannot load (a capturing lambda) fails with its reason, and so does an empty sequence.
    /// </summary>
    static List<T> ItemsToTime<T, TResult>(string caller, Func<T, TResult> function, IEnumerable<T> items)
    {
        ProcessPool.CheckFunction(function);
        var list = items.ToList();
        if (list.Count == 0)
            throw new ArgumentException($"{caller} needs at least one item to time; pass a non-empty sequence.", nameof(items));
        return list;
    }

    /// <summary>
    /// Measures once per setting, on the items and options <paramref name="at"/> gives for it, under one progress line
    /// that names the setting; keeps each mode's median and speedup.
    /// </summary>
    static List<SweepPoint> MeasureEach<T, TResult>(string title, Func<T, TResult> function, int[] settings, string name,
        Func<int, (List<T> Items, CompareOptions Options)> at)
    {
        using var progress = FrontEnd.Current.StartProgress($"Measuring {title}…");
        var points = new List<SweepPoint>();
        for (int i = 0; i < settings.Length; i++)
        {
            var (items, options) = at(settings[i]);
            var comparison = Measure(title, function, items, options, progress, $"{name} {settings[i]} ({i + 1} of {settings.Length}), ");
            points.AddRange(comparison.Modes.Select(m => new SweepPoint(settings[i], m.Mode, m.Median, comparison.Speedup(m.Mode))));
        }
        return points;
    }

    static Comparison Measure<T, TResult>(string title, Func<T, TResult> function, List<T> items, CompareOptions options,
        IProgressDisplay? progress, string prefix, Func<IReadOnlyList<T>, IReadOnlyList<TResult>>? cluster = null)
    {
        if (options.ModesToRun.Contains(RunMode.Cluster) && cluster is null)
            throw new ArgumentException("RunMode.Cluster needs the map to time: pass it as Compare.Run's cluster argument.", nameof(options));
        int workers = options.WorkerCount;
        var timelines = new Dictionary<RunMode, IReadOnlyList<TaskRun>>();
        List<TResult>? expected = null;
        var warm = new Dictionary<RunMode, WorkerPool>();
        try
        {
            // A process per task has nothing to keep warm: every task starts a process, the first ones too. A warm pool of
            // retiring workers would also start their replacements after each run, while the next mode is being timed.
            if (!options.NewPoolEachRepeat)
                foreach (var mode in options.ModesToRun.Where(m => m is not (RunMode.Sequential or RunMode.Cluster or RunMode.ProcessPerTask)))
                    warm[mode] = NewPool(mode, workers);
            JitWarmup.ToOptimized(function, items);
            bool checking = true;
            var samples = TimeRotating(options, progress, prefix, mode =>
            {
                var (results, run, timeline) = mode == RunMode.Cluster
                    ? RunElsewhere(cluster!, items)
                    : RunOnce(mode, function, items, options.Chunksize, workers, warm.GetValueOrDefault(mode));
                if (checking)
                {
                    if (expected is null)
                        expected = results;
                    else
                        CheckSame(mode, expected, results);
                }
                if (timeline is not null)
                    timelines[mode] = timeline; // the last run's is kept
                return run;
            }, afterFirstRun: () => checking = false);
            return new Comparison(title, workers, items.Count, Timings(samples), MachineInfo.Current, timelines, options.Work, options.NewPoolEachRepeat);
        }
        finally
        {
            foreach (var pool in warm.Values)
                pool.Dispose();
        }
    }

    /// <summary>One timed run: its wall time, and the CPU time it used where the mode's CPU time can be counted.</summary>
    readonly record struct TimedRun(TimeSpan Elapsed, CpuReading? Cpu);

    /// <summary>
    /// Runs every mode once per warm-up and repeat, keeping the timed repeats. Each run rotates the order,
    /// so a machine slowing down or speeding up hits every mode alike; run 0 starts with Sequential,
    /// so its results are there to check the others against.
    /// </summary>
    static Dictionary<RunMode, List<TimedRun>> TimeRotating(CompareOptions options, IProgressDisplay? progress, string prefix,
        Func<RunMode, TimedRun> runOnce, Action? afterFirstRun = null)
    {
        var modes = options.ModesToRun;
        var samples = modes.ToDictionary(mode => mode, _ => new List<TimedRun>());
        for (int run = 0; run < options.Warmups + options.Repeats; run++)
        {
            bool timed = run >= options.Warmups;
            string what = timed ? $"repeat {run - options.Warmups + 1} of {options.Repeats}" : $"warm-up {run + 1} of {options.Warmups}";
            foreach (var mode in Statistics.RotatingOrder(modes, run))
            {
                progress?.Update($"{prefix}{what}: {mode.Name().ToLowerInvariant()}");
                var timedRun = runOnce(mode);
                if (timed)
                    samples[mode].Add(timedRun);
            }
            if (run == 0)
                afterFirstRun?.Invoke();
        }
        return samples;
    }

    /// <summary>
    /// The timings; a mode's CPU times only when every run of it could count them, with the largest uncertainty of a run
    /// (plus what the readings themselves cost), so <see cref="ModeTiming.CoresUsed"/> knows when runs are too short to tell.
    /// </summary>
    static ModeTiming[] Timings(Dictionary<RunMode, List<TimedRun>> samples) =>
        samples.Select(pair =>
        {
            var runs = pair.Value;
            bool counted = runs.All(r => r.Cpu is not null);
            return new ModeTiming(pair.Key, runs.Select(r => r.Elapsed).ToArray(),
                counted ? runs.Select(r => r.Cpu!.Value.Used).ToArray() : null,
                counted && runs.Count > 0 ? runs.Max(r => r.Cpu!.Value.Uncertainty) + CpuClock.ReadingCost : TimeSpan.Zero);
        }).ToArray();

    /// <summary>
    /// The CPU time <paramref name="mode"/> has used so far, counting only what runs it, so another thread of this process
    /// (a notebook kernel's, the JIT's, the GC's) does not count. Null where that cannot be counted.
    /// <list type="bullet">
    /// <item>Sequential: the calling thread, which runs the loop.</item>
    /// <item>Threads: the calling thread, plus what the pool's threads spent on tasks, each measured on its own thread.</item>
    /// <item>Processes and a process per task: the calling thread, plus the pool's live workers, plus children that have
    /// ended (a fresh pool's, once disposed). The threads that read the workers' pipes in this process are not counted:
    /// a few percent of a core for thousands of tiny tasks, nothing for heavy ones. On Windows an ended child's CPU time
    /// is unknown, so there only a warm pool's workers are counted, and other runs show no cores busy.</item>
    /// <item>A cluster: null. Its silos are not this process's children.</item>
    /// </list>
    /// </summary>
    static CpuReading? ModeCpu(RunMode mode, WorkerPool? pool, bool warm)
    {
        if (mode == RunMode.Cluster || CpuClock.CallingThread() is not { } thread)
            return null;
        switch (mode)
        {
            case RunMode.Sequential:
                return thread;
            case RunMode.Threads:
                if (pool is not ThreadWorkerPool threads)
                    return thread;
                return thread + new CpuReading(threads.CpuTime, threads.CpuTimeUncertainty);
            default:
                var workers = pool is ProcessPool processes
                    ? processes.WorkerPids.Aggregate(CpuReading.Zero, (sum, pid) => sum + CpuClock.Process(pid))
                    : CpuReading.Zero;
                if (CpuClock.EndedChildren() is { } ended)
                    return thread + workers + ended;
                return mode == RunMode.Processes && warm ? thread + workers : null;
        }
    }

    /// <summary>
    /// The CPU time of one of the three actions the caller wrote out (<see cref="Run(string, Action, Action?, Action, CompareOptions?)"/>):
    /// the calling thread for Sequential; for Processes also the children that have ended (the action starts and joins them;
    /// unknown on Windows); none for Threads, whose threads are the caller's and cannot be told apart from the rest of this process.
    /// </summary>
    static CpuReading? ActionCpu(RunMode mode) => mode switch
    {
        RunMode.Sequential => CpuClock.CallingThread(),
        RunMode.Processes => CpuClock.CallingThread() is { } thread && CpuClock.EndedChildren() is { } ended ? thread + ended : null,
        _ => null,
    };

    static TimedRun Timed(TimeSpan elapsed, CpuReading? before, CpuReading? after) =>
        new(elapsed, before is { } b && after is { } a ? a - b : null);

    /// <summary>The pool a mode runs on; a process per task is a pool whose workers retire after one task.</summary>
    static WorkerPool NewPool(RunMode mode, int workers) => mode switch
    {
        RunMode.Threads => new ThreadWorkerPool(workers),
        RunMode.Processes => new ProcessPool(workers),
        RunMode.ProcessPerTask => new ProcessPool(workers, maxTasksPerChild: 1),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Sequential runs have no pool."),
    };

    /// <summary>
    /// Runs <paramref name="function"/> over <paramref name="items"/> one way, timed, with the CPU time the mode used
    /// read right around the wall clock (<see cref="ModeCpu"/>); a pool's timeline comes back too.
    /// </summary>
    static (List<TResult> Results, TimedRun Run, IReadOnlyList<TaskRun>? Timeline) RunOnce<T, TResult>(
        RunMode mode, Func<T, TResult> function, List<T> items, int? chunksize, int workers, WorkerPool? warm)
    {
        long start;
        CpuReading? cpu;
        if (mode == RunMode.Sequential)
        {
            var results = new List<TResult>(items.Count);
            cpu = ModeCpu(mode, null, warm: false);
            start = Stopwatch.GetTimestamp();
            foreach (var item in items)
                results.Add(function(item));
            var elapsed = Stopwatch.GetElapsedTime(start);
            return (results, Timed(elapsed, cpu, ModeCpu(mode, null, warm: false)), null);
        }
        if (warm is not null)
        {
            int before = warm.Timeline.Count; // earlier runs on this pool, left out of this run's timeline
            cpu = ModeCpu(mode, warm, warm: true);
            start = Stopwatch.GetTimestamp();
            var results = warm.Map(function, items, ChunksizeFor(mode, chunksize));
            var elapsed = Stopwatch.GetElapsedTime(start);
            var run = Timed(elapsed, cpu, ModeCpu(mode, warm, warm: true));
            return (results, run, warm.Timeline.Skip(before).ToArray());
        }
        // A fresh pool: starting and stopping it is timed too, as a program pays for them; so is their CPU time.
        cpu = ModeCpu(mode, null, warm: false);
        start = Stopwatch.GetTimestamp();
        var pool = NewPool(mode, workers);
        List<TResult> fresh;
        try
        {
            fresh = pool.Map(function, items, ChunksizeFor(mode, chunksize));
        }
        finally
        {
            pool.Dispose();
        }
        var freshElapsed = Stopwatch.GetElapsedTime(start);
        return (fresh, Timed(freshElapsed, cpu, ModeCpu(mode, pool, warm: false)), pool.Timeline);
    }

    /// <summary>Runs the caller's map (a cluster's), timed; it keeps its own timeline.</summary>
    static (List<TResult> Results, TimedRun Run, IReadOnlyList<TaskRun>? Timeline) RunElsewhere<T, TResult>(
        Func<IReadOnlyList<T>, IReadOnlyList<TResult>> map, List<T> items)
    {
        long start = Stopwatch.GetTimestamp();
        var results = map(items);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return ([.. results], new TimedRun(elapsed, null), null);
    }

    // One item per task, so "a process per task" means a process per item.
    static int? ChunksizeFor(RunMode mode, int? chunksize) => mode == RunMode.ProcessPerTask ? 1 : chunksize;

    /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="actual"/> differs from the sequential loop's results.</summary>
    internal static void CheckSame<TResult>(RunMode mode, IReadOnlyList<TResult> expected, IReadOnlyList<TResult> actual)
    {
        if (expected.SequenceEqual(actual))
            return;
        if (expected.Count != actual.Count)
            throw new InvalidOperationException(
                $"{mode} returned {actual.Count} results but the sequential loop returned {expected.Count}, so their times measure different work.");
        int i = Enumerable.Range(0, expected.Count).First(i => !EqualityComparer<TResult>.Default.Equals(expected[i], actual[i]));
        throw new InvalidOperationException(
            $"{mode} returned {actual[i]} for item {i} where the sequential loop returned {expected[i]}, so their times measure different work. " +
            "Compare needs a function whose result depends only on its argument: no random numbers, clocks or shared state.");
    }
}
