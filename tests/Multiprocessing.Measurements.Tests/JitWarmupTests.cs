using System.Runtime.CompilerServices;
using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

public class JitWarmupTests
{
    static int _calls;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int Optimized(int x)
    {
        Interlocked.Increment(ref _calls);
        return x + 1;
    }

    static int _debugCalls;

    static int BuiltWithoutOptimizations(int x)
    {
        Interlocked.Increment(ref _debugCalls);
        return x + 1;
    }

    [Fact]
    public void AMethodMarkedAggressiveOptimizationIsOptimizedFromItsFirstCall()
    {
        Assert.True(JitWarmup.ToOptimized(Optimized, [1, 2]));
        Assert.Equal(0, _calls); // nothing to wait for, so never called
    }

    [Fact]
    public void AMethodTheCompilerLeftUnoptimizedIsNotWaitedFor()
    {
        // A method in an assembly built with the JIT's optimizer off: tier 1 never comes, so nothing is gained by calling it.
        bool optimizerOff = typeof(JitWarmupTests).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .Cast<System.Diagnostics.DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled);
        if (!optimizerOff)
            return; // a Release build of the tests: covered by the Compare runs
        Assert.False(JitWarmup.ToOptimized(BuiltWithoutOptimizations, [1, 2]));
        Assert.Equal(0, _debugCalls);
    }
}
