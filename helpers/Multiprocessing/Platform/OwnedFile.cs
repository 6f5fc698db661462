using Microsoft.Win32.SafeHandles;
using Multiprocessing.Hosting;

namespace Multiprocessing.Platform;

/// <summary>
/// A temp file this process made and holds until it disposes it or ends. Held means by something that ends with the
/// process and means the same in every PID namespace, never by its pid: on Linux and macOS an open descriptor with a
/// shared <see cref="FileLock"/> (a sweep deletes only files it can lock exclusively); on Windows the open handle itself,
/// which lets no other process delete the file. Only this user can read or write it (mode 0600, as CPython's
/// <c>mkstemp</c> makes files). Disposing deletes the file, then lets go of it, so no sweep ever finds it unheld.
/// </summary>
internal sealed class OwnedFile : IDisposable
{
    const int Attempts = 10;

    FileStream _file;
    int _disposed;

    OwnedFile(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The open file, for reading and writing (a shared memory block maps it).</summary>
    public SafeFileHandle Handle => _file.SafeFileHandle;

    /// <summary>Creates a new, empty file at a path <paramref name="newPath"/> makes, and holds it.</summary>
    /// <exception cref="IOException">Throws when the folder cannot take the file.</exception>
    public static OwnedFile Create(Func<string> newPath)
    {
        for (int attempt = 1; ; attempt++)
        {
            var path = newPath();
            FileStream file;
            try
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.ReadWrite,
                    Share = OperatingSystem.IsWindows() ? FileShare.Read : FileShare.ReadWrite,
                    BufferSize = 0,
                };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                file = new FileStream(path, options);
            }
            catch (IOException e) when (!OperatingSystem.IsWindows() && e.HResult == NativeMethods.EWOULDBLOCK && attempt < Attempts)
            {
                continue; // .NET's own lock met a sweep's: see below
            }
            if (OperatingSystem.IsWindows())
                return new OwnedFile(path, file);
            FileLock.TakeShared(file.SafeFileHandle);
            // A sweep that opened the file in the instant between its creation and its lock found it unheld and deleted
            // it. Names are never made twice, so the path still being there means it is this file, held from now on.
            if (File.Exists(path))
                return new OwnedFile(path, file);
            file.Dispose();
            if (attempt == Attempts)
                throw new IOException($"A new temp file in {System.IO.Path.GetDirectoryName(path)} was deleted by other processes' sweeps {Attempts} times as it was made.");
        }
    }

    /// <summary>
    /// On Windows, trades the handle that wrote the file for one that only reads, so that other processes may open it to
    /// read (an assembly loader allows no writer), still not to delete. Elsewhere the lock allows every reader already.
    /// </summary>
    public void DoneWriting()
    {
        if (!OperatingSystem.IsWindows())
            return;
        var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var writer = _file;
        _file = reader;
        writer.Dispose();
    }

    /// <summary>Deletes the file without letting go of it: for a process about to end, whose handles the system closes.</summary>
    public void DeleteNow() => TryDelete(Path);

    /// <summary>Deletes the file and lets go of it (on Windows the other way round: a held file cannot be deleted there).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        ProcessFiles.Forget(this);
        if (!OperatingSystem.IsWindows())
            TryDelete(Path);
        _file.Dispose();
        if (OperatingSystem.IsWindows())
            TryDelete(Path);
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // left to the next sweep
    }
}
