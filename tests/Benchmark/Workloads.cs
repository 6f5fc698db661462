using System.Diagnostics;
using System.Runtime.CompilerServices;
using Multiprocessing;

namespace Benchmark;

/// <summary>The functions the pools run. They live in this assembly on disk, so worker processes can load them.</summary>
public static class Workloads
{
    /// <summary>Lesson 5's uneven tasks, in milliseconds, for the makespan figure; pool_benchmark.py has the same list.</summary>
    public static readonly int[] Naps = [400, 50, 250, 10, 150, 300, 20, 100];

    /// <summary>Waits <paramref name="ms"/> milliseconds and returns it: an uneven task for the makespan figure.</summary>
    public static int Nap(int ms)
    {
        Thread.Sleep(ms);
        return ms;
    }

    /// <summary>
    /// The queue figure's producer, a child: says it is ready, waits for the go, then puts 0 to <paramref name="count"/> - 1.
    /// pool_benchmark.py's produce() is the same.
    /// </summary>
    public static void Produce(SharedQueue<int> queue, SharedEvent ready, SharedEvent go, int count)
    {
        ready.Set();
        go.Wait();
        for (int i = 0; i < count; i++)
            queue.Put(i);
    }

    /// <summary>The pipe figure's child: sends back each of <paramref name="count"/> messages; pool_benchmark.py's echo().</summary>
    public static void Echo(PipeConnection<int> connection, int count)
    {
        for (int i = 0; i < count; i++)
            connection.Send(connection.Recv());
    }

    /// <summary>The tiny task: what the per-task overhead figures time.</summary>
    public static int Square(int x) => x * x;

    /// <summary>
    /// CPU-bound work: a Lehmer random-number recurrence, the same loop as <c>spin()</c> in pool_benchmark.py.
    /// Optimized at once so neither the parent nor a worker runs it in tier-0 code for part of a measurement.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Spin(long iterations)
    {
        long x = 1, total = 0;
        for (long i = 0; i < iterations; i++)
        {
            x = x * 48271 % 2147483647;
            total += x & 255;
        }
        return total;
    }

    /// <summary>Iterations of <see cref="Spin"/> that take about <paramref name="targetMs"/> in this process.</summary>
    public static long CalibrateSpin(double targetMs)
    {
        const long probe = 20_000_000;
        Spin(probe);
        long start = Stopwatch.GetTimestamp();
        Spin(probe);
        return Math.Max(1, (long)(probe * targetMs / Stopwatch.GetElapsedTime(start).TotalMilliseconds));
    }
}
