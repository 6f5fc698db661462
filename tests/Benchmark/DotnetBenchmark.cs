using System.Diagnostics;
using Multiprocessing;

namespace Benchmark;

/// <summary>Measures <see cref="ProcessPool"/> (and, for the CPU note, <see cref="ThreadWorkerPool"/>) as pool_benchmark.py measures Python's Pool.</summary>
internal static class DotnetBenchmark
{
    /// <summary>Runs every figure in order, reporting each figure's name to <paramref name="log"/> as it starts.</summary>
    public static DotnetRun Run(Settings settings, Action<string> log)
    {
        log("ready");
        var constructMs = new List<double>();
        double ready = Measure.Repeat(settings.Repeats, () => ReadyMs(settings.Workers, constructMs));
        long iterations = Workloads.CalibrateSpin(settings.CpuTaskMs);

        Figures figures;
        using (var pool = new ProcessPool(settings.Workers))
        {
            pool.Apply(Workloads.Square, 1);
            log("roundtrip");
            double roundtrip = RoundtripMs(pool, settings.Roundtrips);
            log("map100k");
            double map100k = Measure.Repeat(settings.Repeats, () => MapMs(pool, 100_000, null));
            log("map10k_chunk1");
            double map10k = Measure.Repeat(settings.Repeats, () => MapMs(pool, 10_000, 1));
            log("cpu_speedup");
            var cpu = Cpu(pool, settings, iterations);
            figures = new Figures(ready, roundtrip, map100k, map10k, cpu.SequentialMs, cpu.ParallelMs, cpu.Speedup, iterations);
        }

        log("cpu_speedup (threads)");
        CpuResult threads;
        using (var pool = new ThreadWorkerPool(settings.Workers))
            threads = Cpu(pool, settings, iterations);
        // The warm-up run's constructor time is not part of the figure either.
        return new DotnetRun(figures, Measure.Median(constructMs.Skip(1)), threads);
    }

    /// <summary>From creating a pool to its first result; the pool is torn down outside the timing.</summary>
    static double ReadyMs(int workers, List<double> constructMs)
    {
        long start = Stopwatch.GetTimestamp();
        using var pool = new ProcessPool(workers);
        constructMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        pool.Apply(Workloads.Square, 1);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    static double RoundtripMs(WorkerPool pool, int count)
    {
        for (int i = 0; i < count / 10; i++)
            pool.ApplyAsync(Workloads.Square, 1).Get();
        var samples = new double[count];
        for (int i = 0; i < count; i++)
            samples[i] = Measure.Ms(() => pool.ApplyAsync(Workloads.Square, i).Get());
        return Measure.Median(samples);
    }

    static double MapMs(WorkerPool pool, int count, int? chunksize)
    {
        List<int>? results = null;
        double ms = Measure.Ms(() => results = pool.Map(Workloads.Square, Enumerable.Range(0, count), chunksize));
        if (results![^1] != (count - 1) * (count - 1))
            throw new InvalidOperationException("Map returned a wrong result.");
        return ms;
    }

    /// <summary>Sequential and pool runs interleave, so drift in machine speed hits both alike.</summary>
    static CpuResult Cpu(WorkerPool pool, Settings settings, long iterations)
    {
        var inputs = Enumerable.Repeat(iterations, settings.CpuTasks).ToArray();
        var sequential = new List<double>();
        var parallel = new List<double>();
        var speedups = new List<double>();
        for (int run = 0; run <= settings.Repeats; run++)
        {
            long[] expected = [];
            double seq = Measure.Ms(() => expected = inputs.Select(Workloads.Spin).ToArray());
            List<long> actual = [];
            double par = Measure.Ms(() => actual = pool.Map(Workloads.Spin, inputs));
            if (!actual.SequenceEqual(expected))
                throw new InvalidOperationException("Spin returned a wrong result.");
            if (run == 0)
                continue; // warm-up
            sequential.Add(seq);
            parallel.Add(par);
            speedups.Add(seq / par);
        }
        return new CpuResult(Measure.Median(sequential), Measure.Median(parallel), Measure.Median(speedups));
    }
}
