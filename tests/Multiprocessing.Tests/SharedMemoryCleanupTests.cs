namespace Multiprocessing.Tests;

/// <summary>A parent killed by SIGKILL cannot delete its shared-memory files; the next process that creates one does.</summary>
public class SharedMemoryCleanupTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void FilesOfDeadProcessesAreRemovedByTheNextProcessThatCreatesSharedMemory()
    {
        if (!Directory.Exists("/dev/shm"))
            return; // the sweep covers the temp folder the same way; /dev/shm is where Linux puts it

        // A process that has certainly exited gives a pid that is certainly dead.
        using var finished = new ChildProcess(FailureTargets.Nothing);
        finished.Start();
        Assert.True(finished.Join(Bound));
        var stale = Path.Combine("/dev/shm", $"dotnet-mp-{finished.Pid}-{Guid.NewGuid():N}");
        var alive = Path.Combine("/dev/shm", $"dotnet-mp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllText(stale, "");
        File.WriteAllText(alive, "");
        try
        {
            using var creator = new ChildProcess(FailureTargets.CreateSharedArray);
            creator.Start();
            Assert.True(creator.Join(Bound));
            Assert.Equal(0, creator.ExitCode);

            Assert.False(File.Exists(stale), "the dead process's file is still there");
            Assert.True(File.Exists(alive), "a living process's file was removed");
        }
        finally
        {
            File.Delete(stale);
            File.Delete(alive);
        }
    }

    [Fact]
    public void AProgramThatForgetsToDisposeSharedMemoryStillRemovesItsFileWhenItExits()
    {
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        using var child = new ChildProcess(FailureTargets.LeakSharedArray);
        child.Start();
        Assert.True(child.Join(Bound));
        Assert.Equal(0, child.ExitCode);
        Assert.Empty(Directory.GetFiles(folder, $"dotnet-mp-{child.Pid}-*"));
    }
    [Fact]
    public void DeleteFilesOfRemovesAnExitedProcesssFilesInBothFoldersAndRefusesARunningOne()
    {
        using var finished = new ChildProcess(FailureTargets.Nothing);
        finished.Start();
        Assert.True(finished.Join(Bound));
        int pid = finished.Pid!.Value;
        var inTemp = Path.Combine(Path.GetTempPath(), $"dotnet-mp-{pid}-cell-{Guid.NewGuid():N}.dll");
        var inShm = Path.Combine(ProcessFiles.SharedMemoryFolder, $"dotnet-mp-{pid}-shm-{Guid.NewGuid():N}");
        var mine = ProcessFiles.NewTempPath("test");
        File.WriteAllText(inTemp, "");
        File.WriteAllText(inShm, "");
        File.WriteAllText(mine, "");
        try
        {
            Assert.Equal(2, ProcessFiles.DeleteFilesOf(pid));
            Assert.False(File.Exists(inTemp));
            Assert.False(File.Exists(inShm));
            Assert.Throws<InvalidOperationException>(() => ProcessFiles.DeleteFilesOf(Environment.ProcessId));
            Assert.True(File.Exists(mine), "a running process's file was removed");
            Assert.StartsWith($"dotnet-mp-{Environment.ProcessId}-test-", Path.GetFileName(mine));
        }
        finally
        {
            File.Delete(inTemp);
            File.Delete(inShm);
            File.Delete(mine);
        }
    }
}
