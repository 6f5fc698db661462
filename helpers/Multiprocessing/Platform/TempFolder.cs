namespace Multiprocessing.Platform;

/// <summary>
/// The folder a process's temp files go in, chosen as CPython's <c>tempfile.gettempdir()</c> chooses it
/// (<c>_candidate_tempdir_list</c>): the first of <c>TMPDIR</c>, <c>TEMP</c>, <c>TMP</c>, the system's own folders
/// (/tmp, /var/tmp, /usr/tmp; .NET's temp path on Windows) and the working folder in which a new file can really be
/// made, written and deleted. So a <c>TMPDIR</c> that is missing, read-only or a file falls back to /tmp, as in Python.
/// </summary>
internal static class TempFolder
{
    static readonly object Gate = new();
    static string? _chosen;

    /// <summary>The chosen folder, found on first use; a failure is not remembered, so fixing the folder and calling again works.</summary>
    /// <exception cref="IOException">Throws when no candidate is usable, naming each one and why.</exception>
    public static string Path
    {
        get
        {
            lock (Gate)
                return _chosen ??= Choose(Candidates());
        }
    }

    /// <summary>The candidates in CPython's order, each with where it came from (an environment variable's name, or null).</summary>
    internal static List<(string Folder, string? From)> Candidates()
    {
        var candidates = new List<(string Folder, string? From)>();
        foreach (var name in new[] { "TMPDIR", "TEMP", "TMP" })
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } folder)
                candidates.Add((folder, name));
        if (OperatingSystem.IsWindows())
            candidates.Add((System.IO.Path.GetTempPath(), null));
        else
            candidates.AddRange(new[] { "/tmp", "/var/tmp", "/usr/tmp" }.Select(folder => (folder, (string?)null)));
        try
        {
            candidates.Add((Environment.CurrentDirectory, null));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The working folder was deleted: one candidate fewer.
        }
        return candidates;
    }

    /// <summary>The first usable candidate, as a full path.</summary>
    /// <exception cref="IOException">Throws when none is usable: one sentence per candidate, then the fix.</exception>
    internal static string Choose(IEnumerable<(string Folder, string? From)> candidates)
    {
        var tried = new List<string>();
        foreach (var (folder, from) in candidates)
        {
            var full = System.IO.Path.GetFullPath(folder);
            if (Problem(full) is not { } problem)
                return full;
            tried.Add($"{(from is null ? full : $"{from}={folder}")} {problem}");
        }
        throw new IOException(
            $"No usable temp folder for the files child processes need: {string.Join("; ", tried)}. " +
            "Set TMPDIR to a folder this user can write to, such as one made with 'mkdir -p ~/tmp'.");
    }

    /// <summary>Why <paramref name="folder"/> cannot hold temp files, or null when a file could be made, written and deleted there.</summary>
    internal static string? Problem(string folder)
    {
        if (File.Exists(folder))
            return "is a file, not a folder";
        if (!Directory.Exists(folder))
            return "does not exist";
        var probe = System.IO.Path.Combine(folder, $"mp-probe-{Guid.NewGuid():N}");
        try
        {
            using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                file.Write("blat"u8); // CPython's probe
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "cannot be written to (permission denied)";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "does not let new files be made in it";
        }
        catch (IOException e)
        {
            // On Linux and macOS .NET puts the error number in HResult.
            return OperatingSystem.IsWindows() ? $"cannot be written to ({e.Message.TrimEnd('.')})" : e.HResult switch
            {
                NativeMethods.EROFS => "is on a read-only file system",
                NativeMethods.ENOSPC => "is full",
                _ => $"cannot be written to ({e.Message.TrimEnd('.')})",
            };
        }
    }
}
