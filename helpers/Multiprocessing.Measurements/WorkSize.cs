using System.Diagnostics;
using Multiprocessing.Platform;

namespace Multiprocessing.Measurements;

/// <summary>
/// Sizes a lesson's work from the machine it runs on, so every learner sees the same story: enough items to keep every
/// core busy several times over (<see cref="ItemCount"/>), each big enough that the loop takes a time worth measuring
/// (<see cref="Calibrate{T}"/>).
/// </summary>
public static class WorkSize
{
    /// <summary>
    /// Equivalent of <c>perCore * Environment.ProcessorCount</c>: with 4 items a core, a pool of one worker per core runs
    /// them in 4 full rounds, so the ideal speedup is the core count on any machine.
    /// </summary>
    /// <param name="perCore">Items for each logical processor.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="perCore"/> is below 1.</exception>
    public static int ItemCount(int perCore = 4)
    {
        if (perCore < 1)
            throw new ArgumentOutOfRangeException(nameof(perCore), perCore, $"perCore must be at least 1, not {perCore}.");
        return perCore * Environment.ProcessorCount;
    }

    /// <summary>
    /// The argument for which one call of <paramref name="work"/> takes about <paramref name="perItem"/> of CPU time in this
    /// process: for example <c>WorkSize.Calibrate(CountPrimes, TimeSpan.FromSeconds(0.75) / items)</c> sizes each item so
    /// the loop over all of them takes about three quarters of a second. It doubles the argument from
    /// <paramref name="start"/> until a call takes a noticeable share of the target, then scales it, fitting how the time
    /// grows (linearly or faster), and checks the result, a few calls in all. It counts this thread's CPU time, not the
    /// wall clock, so another program using the core does not shrink the work (on Windows, whose thread clock advances
    /// in 15.6 ms steps, it uses the wall clock for targets under 5 seconds). The work must be CPU-bound and grow with its argument.
    /// </summary>
    /// <param name="work">The work to size; its argument says how much to do.</param>
    /// <param name="perItem">How long one call should take.</param>
    /// <param name="start">The argument to try first; any value that takes far less than <paramref name="perItem"/>.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="work"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="perItem"/> is not between 1 ms and 1 minute, or <paramref name="start"/> is below 1.</exception>
    /// <exception cref="ArgumentException">Throws when the work does not take longer as its argument grows, up to <see cref="int.MaxValue"/>.</exception>
    public static int Calibrate<T>(Func<int, T> work, TimeSpan perItem, int start = 1)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (perItem < TimeSpan.FromMilliseconds(1) || perItem > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(perItem), perItem, $"perItem must be between 1 ms and 1 minute, not {perItem.TotalMilliseconds} ms.");
        if (start < 1)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"start must be at least 1, not {start}.");
        var clock = Clock(perItem);
        work(start); // compiled and warm before anything is timed
        // Double until a call takes a sixteenth of the target: long enough to time, cheap to reach.
        long size = start;
        var took = Time(work, size, clock);
        while (took < perItem / 16)
        {
            if (size >= int.MaxValue)
                throw new ArgumentException(
                    $"work({int.MaxValue}) took only {took.TotalMilliseconds:0.###} ms of CPU time, short of {perItem.TotalMilliseconds:0.###} ms: " +
                    "its time must grow with its argument, and it must keep a core busy (a wait uses no CPU time).", nameof(work));
            size = Math.Min(int.MaxValue, size * 2);
            took = Time(work, size, clock);
        }
        // Fit time ∝ size^k from two sizes (k = 1 for a linear loop, more for work that grows faster), then aim.
        double exponent = 1;
        for (int step = 0; step < 3; step++)
        {
            long next = Aim(size, took, perItem, exponent);
            if (next == size)
                break;
            var nextTook = Time(work, next, clock);
            if (nextTook <= TimeSpan.Zero)
                break;
            if (Math.Abs(Math.Log((double)next / size)) > 0.05)
                exponent = Math.Clamp(Math.Log(nextTook / took) / Math.Log((double)next / size), 0.5, 4);
            (size, took) = (next, nextTook);
            if (Math.Abs(took / perItem - 1) < 0.1)
                break;
        }
        return (int)size;
    }

    static long Aim(long size, TimeSpan took, TimeSpan target, double exponent) =>
        Math.Clamp((long)Math.Round(size * Math.Pow(target / took, 1 / exponent)), 1, int.MaxValue);

    /// <summary>This thread's CPU clock where its steps are at most 5 % of the shortest call timed, else the wall clock.</summary>
    static Func<TimeSpan> Clock(TimeSpan perItem) =>
        ThreadCpuTime.IsSupported && ThreadCpuTime.Resolution * 20 <= perItem / 16
            ? ThreadCpuTime.Now
            : () => Stopwatch.GetElapsedTime(0);

    static TimeSpan Time<T>(Func<int, T> work, long size, Func<TimeSpan> clock)
    {
        var before = clock();
        GC.KeepAlive(work((int)size));
        return clock() - before;
    }
}
