using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// Fault 7 of issue 13: Ctrl+C, SIGTERM and SIGHUP delete a process's shared memory and runtime configs as a normal exit
/// does, and the process still ends with the signal's usual status.
/// </summary>
public class SignalCleanupTests
{
    [Theory]
    [InlineData(2)]  // SIGINT, Ctrl+C
    [InlineData(15)] // SIGTERM
    [InlineData(1)]  // SIGHUP
    public void ASignalledProcessLeavesNoSharedMemoryAndEndsWithTheSignalsStatus(int signal)
    {
        if (OperatingSystem.IsWindows())
            return;
        using var ready = new SharedValue<int>(0);
        using var child = new ChildProcess(PromiseTargets.LeakAndWait, ready);
        child.Start();
        Assert.True(SpinWait.SpinUntil(() => ready.Value != 0 || !child.IsAlive, Bounded.Limit), "the child never got ready");
        Assert.NotEmpty(Directory.GetFiles(ProcessFiles.SharedMemoryFolder, $"dotnet-mp-{child.Pid}-*"));

        Assert.Equal(0, NativeMethods.kill(child.Pid!.Value, signal));
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(128 + signal, child.ExitCode);
        Assert.Empty(Directory.GetFiles(ProcessFiles.SharedMemoryFolder, $"dotnet-mp-{child.Pid}-*"));
    }
}
