using Course.Jupyter;

namespace Course.Tests.Jupyter;

/// <summary>
/// Issue 19, kind 2, for the kernel launcher's socket folders: the sweep judged a folder by the pid in its name, which in
/// another PID namespace (a container sharing the home folder) means nothing or another process. It now judges by the
/// launcher's lock file, which only a running launcher holds. The lock is held here by this process, as a launcher holds it.
/// </summary>
public sealed class StaleFolderSweepTests : IDisposable
{
    readonly string _runtime = Directory.CreateTempSubdirectory("course-sweep-").FullName;

    [Fact]
    public void AFolderWhoseLockIsHeldStaysWhateverItsPid()
    {
        var folder = Folder(UnusedPid()); // a launcher in another PID namespace, at a pid no process has here
        using var held = KernelLauncher.Hold(folder + KernelLauncher.LockSuffix);

        KernelLauncher.SweepStaleFolders(_runtime);

        Assert.True(Directory.Exists(folder), "a running launcher's folder was deleted");
        Assert.True(File.Exists(held.Name));
    }

    [Fact]
    public void AFolderWhoseLockNobodyHoldsGoesWithItsLockEvenAtALivePid()
    {
        var folder = Folder(Environment.ProcessId); // a dead launcher whose pid is a live process here
        KernelLauncher.Hold(folder + KernelLauncher.LockSuffix).Dispose();
        var bare = Folder(Environment.ProcessId, "beef"); // no lock file: its launcher died before it, or it is older

        KernelLauncher.SweepStaleFolders(_runtime);

        Assert.False(Directory.Exists(folder), "a dead launcher's folder was kept because its pid is in use here");
        Assert.False(File.Exists(folder + KernelLauncher.LockSuffix));
        Assert.False(Directory.Exists(bare));
    }

    string Folder(int pid, string suffix = "cafe") =>
        Directory.CreateDirectory(Path.Combine(_runtime, $"{KernelLauncher.FolderPrefix}{pid}-{suffix}")).FullName;

    static int UnusedPid()
    {
        for (int pid = 32767; pid > 300; pid--)
            if (!Directory.Exists($"/proc/{pid}") && !OperatingSystem.IsWindows())
                return pid;
        return 999_999; // Windows: pids are multiples of 4 there, so this one is never in use
    }

    public void Dispose() => Directory.Delete(_runtime, recursive: true);
}
