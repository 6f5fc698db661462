using Multiprocessing.Platform;

namespace Multiprocessing;

/// <summary>
/// The temp files a process makes for its children (worker runtime configs, notebook cells, shared memory), all named
/// <c>dotnet-mp-{pid}-{kind}-{guid}{extension}</c> after the process that made them. A process removes its own when it
/// exits; files left by one killed with SIGKILL are removed by the next process that makes one, as Python's resource
/// tracker does, or at once with <see cref="DeleteFilesOf"/>.
/// </summary>
public static class ProcessFiles
{
    const string Prefix = "dotnet-mp-";

    static readonly HashSet<string> Swept = [];

    /// <summary>Where shared memory lives: /dev/shm on Linux, the temp folder where that is missing.</summary>
    internal static string SharedMemoryFolder => Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    /// <summary>
    /// A new, unique path in the temp folder, named after this process; the first call also removes the files of
    /// processes that are gone. The caller creates the file and deletes it when done.
    /// </summary>
    /// <param name="kind">A short word for what the file holds, such as "cell"; letters and digits only.</param>
    /// <param name="extension">The end of the name, such as ".dll"; may be empty.</param>
    /// <returns>The path; no file is created.</returns>
    /// <exception cref="ArgumentException">Throws when <paramref name="kind"/> is empty or holds anything but letters and digits.</exception>
    public static string NewTempPath(string kind, string extension = "") => NewPath(Path.GetTempPath(), kind, extension);

    /// <summary>A new, unique path in <paramref name="folder"/>; an empty folder gives a bare name (a Windows map name).</summary>
    internal static string NewPath(string folder, string kind, string extension = "")
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Length == 0 || !kind.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"A file kind is a short word of letters and digits, such as \"cell\", not \"{kind}\".", nameof(kind));
        if (folder.Length > 0)
            SweepOnce(folder);
        SignalCleanup.Install();
        return Path.Combine(folder, $"{Prefix}{Environment.ProcessId}-{kind}-{Guid.NewGuid():N}{extension}");
    }

    /// <summary>
    /// Deletes the files that the process <paramref name="pid"/> made, in the temp folder and with shared memory, for a
    /// caller that killed it: a killed process cannot delete them itself.
    /// </summary>
    /// <param name="pid">The process id of a process that has exited.</param>
    /// <returns>How many files were deleted.</returns>
    /// <exception cref="InvalidOperationException">Throws when <paramref name="pid"/> is still running: its files are in use. Wait for it to exit first.</exception>
    public static int DeleteFilesOf(int pid)
    {
        if (ProcessLiveness.IsAlive(pid))
            throw new InvalidOperationException($"Process {pid} is still running, so its files are in use. Wait for it to exit, then delete them.");
        int deleted = 0;
        foreach (var folder in Folders())
            foreach (var file in Directory.EnumerateFiles(folder, $"{Prefix}{pid}-*"))
                if (TryDelete(file))
                    deleted++;
        return deleted;
    }

    /// <summary>Deletes this process's own files, for a process that is about to end without running its exit handlers.</summary>
    internal static void DeleteOwnFiles()
    {
        foreach (var folder in Folders())
            foreach (var file in Directory.EnumerateFiles(folder, $"{Prefix}{Environment.ProcessId}-*"))
                TryDelete(file);
    }

    /// <summary>The pid in a file name of this scheme, or null for another file.</summary>
    internal static int? OwnerOf(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = name[Prefix.Length..];
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], out var pid) ? pid : null;
    }

    /// <summary>Deletes the files in <paramref name="folder"/> whose process is gone, once per folder and process.</summary>
    static void SweepOnce(string folder)
    {
        lock (Swept)
            if (!Swept.Add(folder))
                return;
        foreach (var file in Directory.EnumerateFiles(folder, Prefix + "*"))
            if (OwnerOf(file) is int pid && !ProcessLiveness.IsAlive(pid))
                TryDelete(file);
    }

    static IEnumerable<string> Folders() => new[] { Path.GetTempPath(), SharedMemoryFolder }.Distinct();

    static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
