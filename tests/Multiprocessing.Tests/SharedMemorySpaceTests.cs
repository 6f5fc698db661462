namespace Multiprocessing.Tests;

/// <summary>
/// Issue 19, kind 1: shared memory larger than /dev/shm can hold killed the process (SIGBUS in the constructor, or an
/// AccessViolation on first touch), in whichever process touched the page. Its space is now reserved at creation, so a
/// block that does not fit fails there with an error that says where, how much, and how to make room, and a block that
/// was made can be written to its end by any process. Each run is a program in a mount namespace of its own whose
/// /dev/shm is a 64 MiB tmpfs, Docker's default; the machine's own /dev/shm is never touched.
/// </summary>
public class SharedMemorySpaceTests
{
    const int Page = 4096;
    const int Header = 64;
    const int All = 64 << 20; // the tmpfs, in bytes

    /// <summary>40 MiB and a header: 10,241 pages, which leaves 6,143 pages of the 16,384.</summary>
    const int Kept = 40 << 20;
    const int Rest = All - (Kept + Header + Page - 1) / Page * Page;

    [Fact]
    public void ArraysThatFitAreMadeAndFilledAnywhereAndOnesThatDoNotFailAtCreationSayingWhy()
    {
        if (!ContainerRun.Possible)
            return;
        int allFits = All - Header, allOver = allFits + 1, restFits = Rest - Header, restOver = restFits + 1;
        using var run = ContainerRun.WithSharedMemoryOf(64, "shm",
            $"{allFits}", $"{allOver}", $"keep:{Kept}", $"{restOver}", $"child:{restOver}", $"worker:{restOver}",
            $"{restFits}", $"child:{restFits}", $"worker:{restFits}", $"touch:{restFits}");

        Assert.Equal(0, run.Finish());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(line => line[..line.IndexOf(' ')], line => line[(line.IndexOf(' ') + 1)..]);
        Assert.True(lines.Count == 11, run.Output + run.Errors);

        // The whole of /dev/shm, and one byte more.
        Assert.Equal($"filled {allFits}", lines[$"{allFits}"]);
        AssertRefused(lines[$"{allOver}"], allOver, free: "64 MiB");
        // After another array took 40 MiB: the rest, and one byte more, here, in a child and in a pool worker.
        Assert.Equal($"filled {Kept}", lines[$"keep:{Kept}"]);
        AssertRefused(lines[$"{restOver}"], restOver, free: "24 MiB");
        Assert.Equal("child exit 1", lines[$"child:{restOver}"]); // an exception, not SIGBUS (exit code 135)
        Assert.Contains($"Could not create shared memory of {restOver + Header:N0} bytes", run.Errors);
        AssertRefused(lines[$"worker:{restOver}"], restOver, free: "24 MiB");
        Assert.Equal($"filled {restFits}", lines[$"{restFits}"]);
        Assert.Equal("child exit 0", lines[$"child:{restFits}"]);
        Assert.Equal($"filled {restFits}", lines[$"worker:{restFits}"]);
        // Made here, written to its last page by a child.
        Assert.Equal($"child exit 0 filled {restFits}", lines[$"touch:{restFits}"]);
        // Nothing was left behind by the arrays that did not fit: only the kept one's file.
        Assert.Equal("1", lines["files"]);
    }

    static void AssertRefused(string line, int elements, string free)
    {
        Assert.StartsWith("error", line);
        Assert.Contains("IOException", line);
        Assert.Contains($"Could not create shared memory of {elements + Header:N0} bytes", line);
        Assert.Contains("in /dev/shm: it holds 64 MiB", line);
        Assert.Contains($"of which {free} is free", line);
        Assert.Contains("--shm-size", line);
        Assert.Contains("\"runArgs\": [\"--shm-size=1g\"]", line);
        Assert.Contains(".devcontainer/devcontainer.json", line);
    }
}
