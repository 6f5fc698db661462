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
        // A signal this process ignores, the child ignores too (an ignored disposition survives exec): `nohup` ignores
        // SIGHUP, and a shell ignores SIGINT for a command it starts in the background. Such a signal cannot end a child.
        if (OperatingSystem.IsWindows() || IgnoredHere(signal))
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

    /// <summary>Whether this process ignores <paramref name="signal"/>: Linux's SigIgn mask, bit signal - 1.</summary>
    static bool IgnoredHere(int signal)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
            return false;
        var mask = File.ReadLines(Status).FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        return mask is not null && (Convert.ToUInt64(mask["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }
}
