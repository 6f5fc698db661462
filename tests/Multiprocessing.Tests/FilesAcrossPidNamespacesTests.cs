using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// Issue 19, kind 2: every <c>dotnet-mp-{pid}-…</c> file was judged alive or dead by looking its pid up in the caller's
/// /proc, which means nothing across PID namespaces or after the pid is reused: a live program's files were deleted by a
/// program in another namespace, and a dead one's kept forever. A file is now held by its process (a lock that ends with
/// it) and deleted only when nobody holds it: by the sweep, by the signal handler and by <see cref="ProcessFiles.DeleteFilesOf"/>.
/// Each program here runs in a PID namespace of its own that shares /dev/shm and the temp folder, as a container does.
/// </summary>
public class FilesAcrossPidNamespacesTests
{
    /// <summary>The input: a program at a pid that does not exist here holds [1, 2, 3]; a program here sweeps.</summary>
    [Fact]
    public void AProgramHereLeavesTheFilesOfAProgramInAnotherPidNamespaceThatStillRuns()
    {
        if (!ContainerRun.Possible)
            return;
        int pid = ContainerRun.PidUnusedHere();
        using var inside = ContainerRun.InPidNamespace(pid, "hold");
        var (insidePid, array) = Holding(inside);
        Assert.Equal(pid, insidePid);
        Assert.Equal("sum 6", Ask(inside, "sum"));

        Sweep();

        Assert.True(File.Exists(array), "the running program's shared memory was deleted");
        Assert.Equal("sum 6", Ask(inside, "sum"));
        Assert.Equal("pool 6", Ask(inside, "pool")); // a new pool's worker still finds its runtime config
        Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} came into use here during the test, so it proved less");
        Assert.Equal(0, inside.Finish());
        Assert.False(File.Exists(array), "the program did not delete its file when it ended");
    }

    /// <summary>
    /// A program killed in its namespace at a pid that a running program here has leaves files that the sweep deletes,
    /// while the running program's own files, named alike, stay.
    /// </summary>
    [Fact]
    public void TheFilesOfAKilledProgramWhosePidIsInUseHereAreSweptAndThoseOfTheLiveOneKept()
    {
        if (!ContainerRun.Possible)
            return;
        using var live = ContainerRun.Here("hold");
        var (pid, liveArray) = Holding(live);
        Assert.Equal("sum 6", Ask(live, "sum"));
        var left = Leak(pid);

        Sweep();

        Assert.All(left, file => Assert.False(File.Exists(file), $"{file} was kept because its pid is in use here"));
        Assert.True(File.Exists(liveArray), "the live program's array was deleted");
        Assert.Equal("pool 6", Ask(live, "pool"));
        Assert.Equal(0, live.Finish());
    }

    /// <summary>The same with <see cref="ProcessFiles.DeleteFilesOf"/>, as the course tool calls it for a kernel it killed.</summary>
    [Fact]
    public void DeleteFilesOfTakesAKilledProgramsFilesAndLeavesThoseOfTheLiveOneWithItsPid()
    {
        if (!ContainerRun.Possible)
            return;
        using var live = ContainerRun.Here("hold");
        var (pid, liveArray) = Holding(live);
        Assert.Equal("sum 6", Ask(live, "sum"));
        var left = Leak(pid);

        int present = left.Count(File.Exists); // fewer than left when another test's sweep took some first (see Leak)
        Assert.Equal(present, ProcessFiles.DeleteFilesOf(pid));

        Assert.All(left, file => Assert.False(File.Exists(file)));
        Assert.True(File.Exists(liveArray), "the live program's array was deleted");
        Assert.Equal("pool 6", Ask(live, "pool"));
        Assert.Equal(0, live.Finish());
    }

    /// <summary>
    /// Two programs at the same pid in two PID namespaces; SIGTERM ends one. Its signal handler deletes its own files,
    /// not every file named after its pid: the other program's array stays, and its pool still reads it.
    /// </summary>
    [Fact]
    public void ASignalledProgramDeletesOnlyItsOwnFilesNotThoseOfAnotherWithTheSamePid()
    {
        if (!ContainerRun.Possible)
            return;
        int pid = ContainerRun.PidUnusedHere();
        using var staying = ContainerRun.InPidNamespace(pid, "hold");
        using var ending = ContainerRun.InPidNamespace(pid, "hold");
        var (_, stayingArray) = Holding(staying);
        var (_, endingArray) = Holding(ending);
        Assert.StartsWith($"dotnet-mp-{pid}-shm-", Path.GetFileName(stayingArray));
        Assert.StartsWith($"dotnet-mp-{pid}-shm-", Path.GetFileName(endingArray));

        ending.Send("term");
        Assert.Equal(128 + 15, ending.Finish());

        Assert.False(File.Exists(endingArray), "the signalled program's array is still there");
        Assert.True(File.Exists(stayingArray), "the other program's array was deleted");
        Assert.Equal("sum 6", Ask(staying, "sum"));
        Assert.Equal(0, staying.Finish());
    }

    /// <summary>Runs a program at <paramref name="pid"/> in a PID namespace that makes an array and a pool, then kills itself.</summary>
    /// <returns>The files it left (its array, and its workers' runtime config): those named after the pid that were not there before.</returns>
    static List<string> Leak(int pid)
    {
        var before = FilesNamedAfter(pid);
        using var leaking = ContainerRun.InPidNamespace(pid, "leak");
        var (insidePid, array) = Holding(leaking);
        Assert.Equal(pid, insidePid);
        Assert.Equal(128 + 9, leaking.Finish());
        var left = FilesNamedAfter(pid).Except(before).ToList();
        // A killed program's files are fair game for any process's first shared array, and other tests run alongside:
        // one of them may have swept these already (seen once in CI). Then the array is gone, which is what the sweep
        // must achieve; otherwise its files are all here, for the test's own sweep to take.
        if (!left.Contains(array))
        {
            Assert.False(File.Exists(array), $"{array} is there but was not listed");
            left.Add(array);
            return left;
        }
        Assert.Contains(left, file => Path.GetFileName(file).StartsWith($"dotnet-mp-{pid}-worker-", StringComparison.Ordinal));
        return left;
    }

    static HashSet<string> FilesNamedAfter(int pid) =>
        [.. new[] { ProcessFiles.TempFolder, ProcessFiles.SharedMemoryFolder }.Distinct().SelectMany(folder => Directory.GetFiles(folder, $"dotnet-mp-{pid}-*"))];

    /// <summary>A program here, with no namespace of its own, makes its first shared array and pool: they sweep.</summary>
    static void Sweep()
    {
        using var here = ContainerRun.Here("sweep");
        Assert.Equal("swept", here.NextLine());
        Assert.Equal(0, here.Finish());
    }

    static (int Pid, string Array) Holding(ContainerRun run)
    {
        var words = run.NextLine().Split(' ');
        Assert.True(words is ["holding", _, _], string.Join(' ', words));
        return (int.Parse(words[1]), words[2]);
    }

    static string Ask(ContainerRun run, string question)
    {
        run.Send(question);
        return run.NextLine();
    }
}
