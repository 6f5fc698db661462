using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// A parent killed by SIGKILL cannot delete its shared-memory files; the next process that creates one does, and
/// <see cref="ProcessFiles.DeleteFilesOf"/> does at once. Both delete only the files no process holds.
/// </summary>
public class SharedMemoryCleanupTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A file is judged by whether a process holds it, never by the pid in its name: a file named after a running process
    /// (this one) that nobody holds is deleted, and a file this process holds stays.
    /// </summary>
    [Fact]
    public void FilesNoProcessHoldsAreRemovedByTheNextProcessThatCreatesSharedMemoryWhateverPidTheyName()
    {
        if (!Directory.Exists("/dev/shm"))
            return; // the sweep covers the temp folder the same way; /dev/shm is where Linux puts it

        // A process that has certainly exited gives a pid that is certainly dead.
        using var finished = new ChildProcess(FailureTargets.Nothing);
        finished.Start();
        Assert.True(finished.Join(Bound));
        var stale = Path.Combine("/dev/shm", $"dotnet-mp-{finished.Pid}-shm-{Guid.NewGuid():N}");
        var namedAfterALiveProcess = Path.Combine("/dev/shm", $"dotnet-mp-{Environment.ProcessId}-shm-{Guid.NewGuid():N}");
        File.WriteAllText(stale, "");
        File.WriteAllText(namedAfterALiveProcess, "");
        using var held = ProcessFiles.Create(ProcessFiles.SharedMemoryFolder, "test");
        try
        {
            using var creator = new ChildProcess(FailureTargets.CreateSharedArray);
            creator.Start();
            Assert.True(creator.Join(Bound));
            Assert.Equal(0, creator.ExitCode);

            Assert.False(File.Exists(stale), "the dead process's file is still there");
            Assert.False(File.Exists(namedAfterALiveProcess), "a file nobody holds was kept because its name has a live pid");
            Assert.True(File.Exists(held.Path), "a file a living process holds was removed");
        }
        finally
        {
            File.Delete(stale);
            File.Delete(namedAfterALiveProcess);
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
    public void DeleteFilesOfRemovesTheFilesNoProcessHoldsInBothFoldersAndKeepsHeldOnes()
    {
        using var finished = new ChildProcess(FailureTargets.Nothing);
        finished.Start();
        Assert.True(finished.Join(Bound));
        int pid = finished.Pid!.Value;
        var inTemp = Path.Combine(ProcessFiles.TempFolder, $"dotnet-mp-{pid}-cell-{Guid.NewGuid():N}.dll");
        var inShm = Path.Combine(ProcessFiles.SharedMemoryFolder, $"dotnet-mp-{pid}-shm-{Guid.NewGuid():N}");
        var mine = ProcessFiles.WriteTempFile("test", "", "kept"u8);
        var mineUnheld = Path.Combine(ProcessFiles.TempFolder, $"dotnet-mp-{Environment.ProcessId}-cell-{Guid.NewGuid():N}.dll");
        File.WriteAllText(inTemp, "");
        File.WriteAllText(inShm, "");
        File.WriteAllText(mineUnheld, "");
        try
        {
            Assert.Equal(2, ProcessFiles.DeleteFilesOf(pid));
            Assert.False(File.Exists(inTemp));
            Assert.False(File.Exists(inShm));
            // This process runs: what it holds stays; a file merely named after it goes.
            Assert.True(ProcessFiles.DeleteFilesOf(Environment.ProcessId) >= 1);
            Assert.False(File.Exists(mineUnheld));
            Assert.Equal("kept", File.ReadAllText(mine));
            Assert.StartsWith($"dotnet-mp-{Environment.ProcessId}-test-", Path.GetFileName(mine));
        }
        finally
        {
            File.Delete(inTemp);
            File.Delete(inShm);
            File.Delete(mine);
            File.Delete(mineUnheld);
        }
    }
}
