using System.Runtime.InteropServices;
using Multiprocessing.Platform;

namespace Multiprocessing.Memory;

/// <summary>
/// Reserves a block's space when it is created. A file whose size is merely set has no pages yet; when the folder runs out
/// (Docker gives /dev/shm 64 MiB), the first touch of a page with no room kills whichever process touches it, parent,
/// child or worker, with SIGBUS, and no exception is ever thrown. Reserved, every page has its room, so a block that does
/// not fit fails at creation, with an error that says what to change.
/// On Linux the reservation is <c>posix_fallocate</c>. On macOS (and other Unix systems) the block lives in the temp
/// folder, on disk, where a sparse file fails the same way when the disk is full: it is reserved by writing its zeros,
/// the one way every file system honours (F_PREALLOCATE needs a variadic <c>fcntl</c>, which a P/Invoke cannot call
/// safely on Apple silicon). On Windows a named map commits its pages when it is created, so nothing is needed there.
/// </summary>
internal static class SharedMemorySpace
{
    /// <summary>Reserves <paramref name="bytes"/> bytes of <paramref name="file"/>, which lives in <paramref name="folder"/>.</summary>
    /// <exception cref="IOException">Throws when the folder has no room: its size, its free space and the fix.</exception>
    public static void Reserve(OwnedFile file, long bytes, string folder)
    {
        if (OperatingSystem.IsLinux())
        {
            int error = Fallocate(file, bytes);
            if (error == 0)
                return;
            if (error is NativeMethods.ENOSPC or NativeMethods.EFBIG)
                throw Full(folder, bytes, null);
            throw new IOException($"Could not reserve {bytes:N0} bytes of shared memory in {folder}: {Marshal.GetPInvokeErrorMessage(error)} (error {error}).");
        }
        try
        {
            WriteZeros(file, bytes);
        }
        catch (IOException e) when (e.HResult == NativeMethods.ENOSPC)
        {
            throw Full(folder, bytes, e);
        }
    }

    static int Fallocate(OwnedFile file, long bytes)
    {
        bool added = false;
        try
        {
            file.Handle.DangerousAddRef(ref added);
            int fd = (int)file.Handle.DangerousGetHandle();
            int error;
            while ((error = NativeMethods.posix_fallocate(fd, 0, bytes)) == NativeMethods.EINTR) { }
            return error;
        }
        finally
        {
            if (added)
                file.Handle.DangerousRelease();
        }
    }

    static void WriteZeros(OwnedFile file, long bytes)
    {
        var zeros = new byte[(int)Math.Min(bytes, 1 << 20)];
        for (long offset = 0; offset < bytes; offset += zeros.Length)
            RandomAccess.Write(file.Handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, bytes - offset)), offset);
    }

    /// <summary>The error for a block that does not fit: the folder, the size asked, its size and free space, and the fix.</summary>
    internal static IOException Full(string folder, long bytes, Exception? inner)
    {
        var (size, free) = Space(folder);
        var fix = folder == "/dev/shm"
            ? "In a container /dev/shm is small unless it is raised (Docker gives it 64 MiB): start the container with " +
              "--shm-size=1g, or for a dev container add \"runArgs\": [\"--shm-size=1g\"] to .devcontainer/devcontainer.json " +
              "and rebuild it. Otherwise dispose the shared arrays you no longer need, or share less."
            : "Free some disk space, or set TMPDIR to a folder with more room, or share less.";
        return new IOException(
            $"Could not create shared memory of {bytes:N0} bytes ({MiB(bytes)}) in {folder}: it holds {MiB(size)}, of which " +
            $"{MiB(free)} is free. {fix}", inner);
    }

    /// <summary>The folder's file system's size and free space, in bytes (-1 when they cannot be read).</summary>
    static (long Size, long Free) Space(string folder)
    {
        try
        {
            var drive = new DriveInfo(folder);
            return (drive.TotalSize, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (-1, -1);
        }
    }

    static string MiB(long bytes) => bytes < 0 ? "an unknown size" : $"{bytes / 1048576.0:#,0.#} MiB";
}
