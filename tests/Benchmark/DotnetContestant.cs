using System.Diagnostics;
using Multiprocessing;
using Multiprocessing.Measurements;

namespace Benchmark;

/// <summary>Measures <see cref="ProcessPool"/> one figure at a time, as pool_benchmark.py measures Python's Pool.</summary>
internal sealed class DotnetContestant : IContestant, IDisposable
{
    readonly Settings _settings;
    readonly long[] _cpuInputs;
    ProcessPool? _warmPool;
    ProcessPool? _napPool;

    /// <summary>Calibrates the CPU task; do this before the Python server starts calibrating its own, so the two do not compete.</summary>
    public DotnetContestant(Settings settings)
    {
        _settings = settings;
        CpuIterations = Workloads.CalibrateSpin(settings.CpuTaskMs);
        _cpuInputs = Enumerable.Repeat(CpuIterations, settings.CpuTasks).ToArray();
    }

    public string Name => Contestants.Dotnet;

    /// <summary>Iterations of <see cref="Workloads.Spin"/> in one CPU task.</summary>
    public long CpuIterations { get; }

    public Sample Measure(string figure) => figure switch
    {
        "ready" => Ready(),
        "roundtrip" => new(RoundtripMs(WarmPool(), _settings.Roundtrips)),
        "map100k" => new(MapMs(WarmPool(), 100_000, null)),
        "map10k_chunk1" => new(MapMs(WarmPool(), 10_000, 1)),
        "cpu_speedup" => Cpu(WarmPool()),
        "makespan" => new(Timing.Ms(() => NapPool().ImapUnordered(Workloads.Nap, Workloads.Naps).ToList())),
        "queue100k" => new(QueueMs(_settings.QueueItems)),
        "pipe_roundtrip" => new(PipeRoundtripMs(_settings.PipeRoundtrips)),
        _ => throw new ArgumentException($"Unknown figure '{figure}'.", nameof(figure)),
    };

    /// <summary>cpu_speedup of a <see cref="ThreadWorkerPool"/>: one warm-up run, then <paramref name="runs"/> samples.</summary>
    public IReadOnlyList<Sample> ThreadWorkerPoolCpu(int runs)
    {
        using var pool = new ThreadWorkerPool(_settings.Workers);
        Cpu(pool);
        return Enumerable.Range(0, runs).Select(_ => Cpu(pool)).ToArray();
    }

    public void Dispose()
    {
        _warmPool?.Dispose();
        _napPool?.Dispose();
    }

    /// <summary>A warm pool of as many workers as naps run at once in lesson 5 (4), as the Python server keeps one.</summary>
    ProcessPool NapPool()
    {
        if (_napPool is null)
        {
            _napPool = new ProcessPool(4);
            _napPool.Map(Workloads.Square, Enumerable.Range(0, 8), chunksize: 1);
        }
        return _napPool;
    }

    /// <summary>
    /// The pool the warm-pool figures share, as the Python server keeps one per start method. Started on first use,
    /// so no pool idles while ready is measured, and warmed there, outside any timing.
    /// </summary>
    ProcessPool WarmPool()
    {
        if (_warmPool is null)
        {
            _warmPool = new ProcessPool(_settings.Workers);
            _warmPool.Apply(Workloads.Square, 1);
        }
        return _warmPool;
    }

    /// <summary>
    /// From creating a pool to its first result; the pool is torn down outside the timing. The floor is measured right
    /// before, in the same round: two hello-world processes started at once, until both have exited.
    /// </summary>
    Sample Ready()
    {
        double floor = FloorMs();
        long start = Stopwatch.GetTimestamp();
        using var pool = new ProcessPool(_settings.Workers);
        double constructMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        pool.Apply(Workloads.Square, 1);
        return new Sample(Stopwatch.GetElapsedTime(start).TotalMilliseconds, ConstructMs: constructMs, FloorMs: floor);
    }

    /// <summary>Two <c>dotnet exec HelloWorld.dll</c> started at once, with output redirected as a worker's is, until both exit.</summary>
    static double FloorMs()
    {
        var hello = Path.Combine(AppContext.BaseDirectory, "HelloWorld.dll");
        var dotnet = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(
            System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'))))!)!, "dotnet");
        long start = Stopwatch.GetTimestamp();
        var processes = Enumerable.Range(0, 2).Select(_ =>
        {
            var info = new ProcessStartInfo(File.Exists(dotnet) ? dotnet : "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(hello);
            return Process.Start(info)!;
        }).ToArray();
        foreach (var process in processes)
        {
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                throw new TimeoutException("A hello-world process did not exit within 30 s.");
            process.Dispose();
        }
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Median of <paramref name="count"/> single round trips, after count / 10 untimed ones.</summary>
    static double RoundtripMs(WorkerPool pool, int count)
    {
        for (int i = 0; i < count / 10; i++)
            pool.ApplyAsync(Workloads.Square, 1).Get();
        var samples = new double[count];
        for (int i = 0; i < count; i++)
            samples[i] = Timing.Ms(() => pool.ApplyAsync(Workloads.Square, i).Get());
        return Statistics.Median(samples);
    }

    static double MapMs(WorkerPool pool, int count, int? chunksize)
    {
        List<int>? results = null;
        double ms = Timing.Ms(() => results = pool.Map(Workloads.Square, Enumerable.Range(0, count), chunksize));
        if (results![^1] != (count - 1) * (count - 1))
            throw new InvalidOperationException("Map returned a wrong result.");
        return ms;
    }

    /// <summary>
    /// From the go to the last of <paramref name="count"/> small items a running child put on a queue for this process;
    /// the child's start is not timed (it says when it is ready), as in pool_benchmark.py.
    /// </summary>
    static double QueueMs(int count)
    {
        using var queue = new SharedQueue<int>();
        using var ready = new SharedEvent();
        using var go = new SharedEvent();
        using var child = new ChildProcess(Workloads.Produce, queue, ready, go, count);
        child.Start();
        if (!ready.Wait(ChildTimeout))
            throw new TimeoutException($"The queue figure's child did not start within {ChildTimeout.TotalSeconds} s.");
        long start = Stopwatch.GetTimestamp();
        go.Set();
        for (int i = 0; i < count; i++)
            if (queue.Get() != i)
                throw new InvalidOperationException("The queue returned items out of order.");
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!child.Join(ChildTimeout))
            throw new TimeoutException("The queue figure's child did not end.");
        return ms;
    }

    /// <summary>Median of <paramref name="count"/> single send-and-receive round trips to an echoing child, after count / 10 untimed ones.</summary>
    static double PipeRoundtripMs(int count)
    {
        var (connection, childEnd) = Pipe.Create<int>();
        using var _ = connection;
        using var child = new ChildProcess(Workloads.Echo, childEnd, count + count / 10);
        child.Start();
        childEnd.Close();
        for (int i = 0; i < count / 10; i++)
        {
            connection.Send(i);
            connection.Recv();
        }
        var samples = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            connection.Send(i);
            if (connection.Recv() != i)
                throw new InvalidOperationException("The pipe echoed a wrong message.");
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        if (!child.Join(ChildTimeout))
            throw new TimeoutException("The pipe figure's child did not end.");
        return Statistics.Median(samples);
    }

    static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>One sequential run and one pool run of the same tasks, back to back so drift hits both alike.</summary>
    Sample Cpu(WorkerPool pool)
    {
        long[] expected = [];
        double sequential = Timing.Ms(() => expected = _cpuInputs.Select(Workloads.Spin).ToArray());
        List<long> actual = [];
        double parallel = Timing.Ms(() => actual = pool.Map(Workloads.Spin, _cpuInputs));
        if (!actual.SequenceEqual(expected))
            throw new InvalidOperationException("Spin returned a wrong result.");
        return new Sample(sequential / parallel, sequential, parallel);
    }
}
