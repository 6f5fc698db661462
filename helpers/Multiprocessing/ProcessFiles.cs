using Multiprocessing.Platform;

namespace Multiprocessing.Hosting;

/// <summary>
/// The temp files a process makes for its children (worker runtime configs, notebook cells, shared memory), all named
/// <c>dotnet-mp-{pid}-{kind}-{guid}{extension}</c> after the process that made it. The process holds each file while it
/// lives: on Linux and macOS it keeps the file open under a shared <c>flock</c>, a lock that belongs to the open file, ends
/// with the process however it ends, and means the same from every PID namespace (a container sharing /dev/shm with its
/// host); on Windows its open handle lets no other process delete the file. A process deletes its own files when it exits
/// or is ended by Ctrl+C, SIGTERM or SIGHUP. Files left by a process killed with SIGKILL are deleted by the next process
/// that makes one in the same folder (as Python's resource tracker does), or at once by <see cref="DeleteFilesOf"/>:
/// both delete only files nobody holds, never judging by the pid in the name, which may mean another process here or
/// nothing at all. A process that maps a shared memory block holds it too, until it unmaps it.
/// </summary>
public static class ProcessFiles
{
    const string Prefix = "dotnet-mp-";

    static readonly HashSet<string> Swept = [];
    static readonly HashSet<OwnedFile> Held = [];
    static readonly object SharedMemoryGate = new();
    static string? _sharedMemoryFolder;
    static int _exitHandler;

    /// <summary>
    /// Equivalent of Python's <c>tempfile.gettempdir()</c>: the folder temp files go in, the first usable of <c>TMPDIR</c>,
    /// <c>TEMP</c>, <c>TMP</c>, /tmp, /var/tmp, /usr/tmp (on Windows, .NET's temp path) and the working folder, as CPython
    /// chooses it. Usable means a file could be made, written and deleted there.
    /// </summary>
    /// <exception cref="IOException">Throws when none is usable, naming each folder and why.</exception>
    public static string TempFolder => Platform.TempFolder.Path;

    /// <summary>
    /// Where shared memory lives on Linux and macOS: /dev/shm, memory rather than disk, when it exists and can be written,
    /// otherwise <see cref="TempFolder"/>.
    /// </summary>
    internal static string SharedMemoryFolder
    {
        get
        {
            lock (SharedMemoryGate)
                return _sharedMemoryFolder ??= Platform.TempFolder.Problem("/dev/shm") is null ? "/dev/shm" : TempFolder;
        }
    }

    /// <summary>
    /// Equivalent of Python's <c>tempfile.mkstemp()</c> followed by a write: a new file in <see cref="TempFolder"/> that holds
    /// <paramref name="content"/>, named after this process, readable by this user only, and held by this process until it
    /// ends, then deleted. The first call also deletes files that no process holds any longer.
    /// </summary>
    /// <param name="kind">A short word for what the file holds, such as "cell"; letters and digits only.</param>
    /// <param name="extension">The end of the name, such as ".dll"; may be empty.</param>
    /// <param name="content">What the file holds.</param>
    /// <returns>The file's full path.</returns>
    /// <exception cref="ArgumentException">Throws when <paramref name="kind"/> is empty or holds anything but letters and digits.</exception>
    /// <exception cref="IOException">Throws when no temp folder is usable, or the file could not be written (a full disk).</exception>
    public static string WriteTempFile(string kind, string extension, ReadOnlySpan<byte> content)
    {
        var file = Create(TempFolder, kind, extension);
        try
        {
            RandomAccess.Write(file.Handle, content, 0);
            file.DoneWriting();
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return file.Path;
    }

    /// <summary>
    /// Deletes the files named after the process <paramref name="pid"/>, in the temp folder and with shared memory, that no
    /// process holds any longer: for a caller that killed it, since a killed process cannot delete them itself. Files still
    /// held (the process, or another with the same pid in another PID namespace, still runs) are left.
    /// </summary>
    /// <param name="pid">The process id of a process that has exited.</param>
    /// <returns>How many files were deleted.</returns>
    public static int DeleteFilesOf(int pid)
    {
        int deleted = 0;
        foreach (var folder in Folders())
            foreach (var file in Directory.EnumerateFiles(folder, $"{Prefix}{pid}-*"))
                if (TryDeleteUnheld(file))
                    deleted++;
        return deleted;
    }

    /// <summary>A new file in <paramref name="folder"/>, held by this process; the first in each folder sweeps it first.</summary>
    internal static OwnedFile Create(string folder, string kind, string extension = "") =>
        Create(folder, kind, () => NewName(kind, extension));

    /// <summary>The same with names <paramref name="newName"/> makes, of this scheme (<see cref="ProcessIdentity"/>'s).</summary>
    internal static OwnedFile Create(string folder, string kind, Func<string> newName)
    {
        CheckKind(kind);
        SweepOnce(folder);
        SignalCleanup.Install();
        if (Interlocked.Exchange(ref _exitHandler, 1) == 0)
            ExitSteps.Set(ExitSteps.Step.DeleteFiles, DisposeAllAtExit);
        var file = OwnedFile.Create(() => Path.Combine(folder, newName()));
        lock (Held)
            Held.Add(file);
        return file;
    }

    /// <summary>A new, unique name of this scheme: a Windows map name, or a file's name.</summary>
    internal static string NewName(string kind, string extension = "")
    {
        CheckKind(kind);
        return $"{Prefix}{Environment.ProcessId}-{kind}-{Guid.NewGuid():N}{extension}";
    }

    /// <summary>Called by a file that was disposed.</summary>
    internal static void Forget(OwnedFile file)
    {
        lock (Held)
            Held.Remove(file);
    }

    /// <summary>
    /// Deletes this process's own files without letting go of them, for a process a signal is about to end without its
    /// exit handlers. Its identity goes last (<see cref="ProcessIdentity"/>: until then it still holds its locks).
    /// </summary>
    internal static void DeleteOwnFiles()
    {
        foreach (var file in HeldIdentityLast())
            file.DeleteNow();
    }

    /// <summary>
    /// At a normal exit: deletes every file this process holds and lets go of it (on Windows a held file cannot be deleted),
    /// its identity last. A shared memory block stays mapped (closing its file does not unmap it), so a background thread
    /// still using one is not hurt.
    /// </summary>
    static void DisposeAllAtExit()
    {
        foreach (var file in HeldIdentityLast())
            file.Dispose();
    }

    static OwnedFile[] HeldIdentityLast()
    {
        lock (Held)
            return [.. Held.OrderBy(ProcessIdentity.IsIdentity)];
    }

    static void CheckKind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Length == 0 || !kind.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"A file kind is a short word of letters and digits, such as \"cell\", not \"{kind}\".", nameof(kind));
    }

    /// <summary>Deletes the files of this scheme in <paramref name="folder"/> that nobody holds, once per folder and process.</summary>
    static void SweepOnce(string folder)
    {
        lock (Swept)
            if (!Swept.Add(folder))
                return;
        foreach (var file in Directory.EnumerateFiles(folder, Prefix + "*"))
            if (IsOfThisScheme(file))
                TryDeleteUnheld(file);
    }

    /// <summary>True for <c>dotnet-mp-{pid}-…</c>: other files that start alike are not this library's.</summary>
    static bool IsOfThisScheme(string path)
    {
        var rest = Path.GetFileName(path.AsSpan());
        if (!rest.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        rest = rest[Prefix.Length..];
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], out _);
    }

    /// <summary>
    /// Deletes <paramref name="path"/> if no process holds it: on Linux and macOS, if an exclusive lock can be taken
    /// (the file is deleted under that lock, so its creator cannot be handed a deleted file); on Windows, if it can be deleted.
    /// </summary>
    static bool TryDeleteUnheld(string path)
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                if (!FileLock.TryTakeExclusive(file))
                    return false;
                File.Delete(path);
                return true;
            }
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // held, gone already, or not this user's
        }
    }

    static IEnumerable<string> Folders() => new[] { TempFolder, SharedMemoryFolder }.Distinct();
}
