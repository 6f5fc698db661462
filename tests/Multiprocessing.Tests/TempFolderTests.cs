using Multiprocessing.Platform;

namespace Multiprocessing.Tests;

/// <summary>
/// Issue 19, kind 8: an unusable temp folder (TMPDIR missing, read-only, or a file) gave a bare IO error from the pool.
/// The library now falls back as CPython's tempfile does (TMPDIR, TEMP, TMP, /tmp, /var/tmp, /usr/tmp, the working
/// folder), and fails only when none is usable, with one error naming each and why. Each case runs a program that makes
/// a pool and a child; the read-only folders are read-only mounts in a mount namespace of its own.
/// </summary>
public class TempFolderTests
{
    static readonly Dictionary<string, string?> NoOtherVariables = new() { ["TEMP"] = null, ["TMP"] = null };

    [Fact]
    public void AMissingTmpdirFallsBackToTmpForPoolsAndChildren()
    {
        if (OperatingSystem.IsWindows())
            return; // TMPDIR and /tmp are the Unix ones; Windows reads TMP and TEMP
        using var run = ContainerRun.Here(With("TMPDIR", $"/nonexistent-{Guid.NewGuid():N}"), "temp");
        AssertWorks(run, "/tmp");
    }

    [Fact]
    public void ATmpdirThatIsAFileFallsBackToTmp()
    {
        if (OperatingSystem.IsWindows())
            return;
        var file = Path.Combine(Path.GetTempPath(), $"mp-tests-file-{Guid.NewGuid():N}");
        File.WriteAllText(file, "not a folder");
        try
        {
            using var run = ContainerRun.Here(With("TMPDIR", file), "temp");
            AssertWorks(run, "/tmp");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AReadOnlyTmpdirFallsBackToTmp()
    {
        if (!ContainerRun.Possible)
            return; // root writes anywhere: read-only takes a read-only mount
        using var folder = new GateFolder();
        using var run = ContainerRun.InMountNamespace($"mount -t tmpfs -o ro tmpfs {folder.Folder}", With("TMPDIR", folder.Folder), null, "temp");
        AssertWorks(run, "/tmp");
    }

    [Fact]
    public void WithNoUsableFolderPoolsAndChildrenFailWithOneErrorNamingEachFolderAndWhy()
    {
        if (!ContainerRun.Possible)
            return;
        // The test covers /tmp, /var/tmp and /usr/tmp with read-only mounts: the test's own programs and its working
        // folder must sit outside them, or they vanish under the mounts (a checkout under /tmp cannot run it).
        if (new[] { "/tmp/", "/var/tmp/", "/usr/tmp/" }.Any(AppContext.BaseDirectory.StartsWith))
            return;
        var working = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, $"mp-tests-working-{Guid.NewGuid():N}")).FullName;
        try
        {
            NoFolderIsUsable(working);
        }
        finally
        {
            Directory.Delete(working);
        }
    }

    static void NoFolderIsUsable(string working)
    {
        var readOnly = new[] { "/tmp", "/var/tmp", "/usr/tmp", working }.Where(Directory.Exists);
        var setup = string.Join(" && ", readOnly.Select(folder => $"mount -t tmpfs -o ro tmpfs {folder}"));
        var missing = $"/nonexistent-{Guid.NewGuid():N}";
        using var run = ContainerRun.InMountNamespace(setup, With("TMPDIR", missing), working, "temp");

        Assert.Equal(0, run.Finish());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 3, run.Output + run.Errors);
        foreach (var line in lines) // the folder, the pool and the child: the same error each time
        {
            Assert.StartsWith("error IOException: No usable temp folder", line);
            Assert.Contains($"TMPDIR={missing} does not exist", line);
            Assert.Contains("/tmp is on a read-only file system", line);
            Assert.Contains("/var/tmp is on a read-only file system", line);
            Assert.Contains($"{working} is on a read-only file system", line);
            Assert.Contains("Set TMPDIR to a folder this user can write to", line);
        }
    }

    /// <summary>CPython's order: the three variables, then the system's folders, then the working folder.</summary>
    [Fact]
    public void TheCandidatesComeInCPythonsOrderAndTheFirstUsableWins()
    {
        var candidates = TempFolder.Candidates().Select(c => c.Folder).ToList();
        if (!OperatingSystem.IsWindows())
            Assert.Equal(["/tmp", "/var/tmp", "/usr/tmp", Environment.CurrentDirectory], candidates[^4..]);
        using var usable = new GateFolder();
        var file = Path.Combine(usable.Folder, "a-file");
        File.WriteAllText(file, "");
        Assert.Equal(usable.Folder, TempFolder.Choose([(file, "TMPDIR"), (Path.Combine(usable.Folder, "missing"), "TEMP"), (usable.Folder, null)]));
        var error = Assert.Throws<IOException>(() => TempFolder.Choose([(file, "TMPDIR")]));
        Assert.Contains($"TMPDIR={file} is a file, not a folder", error.Message);
    }

    static void AssertWorks(ContainerRun run, string folder)
    {
        Assert.Equal(0, run.Finish());
        Assert.Equal($"temp folder {folder}\npool 9\nchild exit 0 value 14\n", run.Output.ReplaceLineEndings("\n"));
    }

    static Dictionary<string, string?> With(string name, string value) => new(NoOtherVariables) { [name] = value };
}
