using System.Runtime.CompilerServices;
using Multiprocessing.Measurements;
using Multiprocessing.Platform;

namespace Multiprocessing.Measurements.Tests;

public class WorkSizeTests
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    static long Spin(int iterations)
    {
        long x = 1, total = 0;
        for (int i = 0; i < iterations; i++)
        {
            x = x * 48271 % 2147483647;
            total += x & 255;
        }
        return total;
    }

    // Work that grows as the square of its argument, as counting primes by trial division grows faster than linearly.
    static long Square(int n) => Spin(checked(n * n));

    static TimeSpan CpuTimeOf(Action action)
    {
        var before = ThreadCpuTime.Now();
        action();
        return ThreadCpuTime.Now() - before;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheArgumentFoundTakesAboutTheTarget(bool quadratic)
    {
        var target = TimeSpan.FromMilliseconds(40);
        Func<int, long> work = quadratic ? Square : Spin;
        int size = WorkSize.Calibrate(work, target);
        // CPU time, so a busy machine slows neither the calibration nor this check; the median of three calls.
        var took = Enumerable.Range(0, 3).Select(_ => CpuTimeOf(() => work(size)).TotalMilliseconds).Order().ElementAt(1);
        Assert.InRange(took, 28, 56);
    }

    [Fact]
    public void ItemCountIsSoManyACore()
    {
        Assert.Equal(4 * Environment.ProcessorCount, WorkSize.ItemCount());
        Assert.Equal(Environment.ProcessorCount, WorkSize.ItemCount(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkSize.ItemCount(0));
    }

    [Fact]
    public void WorkThatDoesNotGrowIsRefusedWithTheReason()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkSize.Calibrate(n => n, TimeSpan.FromMilliseconds(5)));
        Assert.Contains("must grow with its argument", error.Message);
    }

    [Fact]
    public void TargetsOutOfRangeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkSize.Calibrate(Spin, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkSize.Calibrate(Spin, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkSize.Calibrate(Spin, TimeSpan.FromMilliseconds(10), start: 0));
    }
}
