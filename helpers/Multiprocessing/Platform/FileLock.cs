using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Multiprocessing.Platform;

/// <summary>
/// Advisory whole-file locks (<c>flock</c>) on Linux and macOS. A lock belongs to the open file, not to a pid: it holds
/// across PID namespaces (a container sharing /dev/shm with its host), and the kernel drops it when the last descriptor
/// (or mapping) of that open file goes, however the process ends, SIGKILL included.
/// </summary>
internal static class FileLock
{
    /// <summary>Takes a shared lock, waiting while a sweeper holds its exclusive one (a moment, at most).</summary>
    /// <returns>False where the file system does not lock (the file then looks held to every sweeper, which is the safe side).</returns>
    public static bool TakeShared(SafeFileHandle file) => Lock(file, NativeMethods.LOCK_SH);

    /// <summary>Takes an exclusive lock if no other open file holds one, without waiting: true means nobody holds the file.</summary>
    public static bool TryTakeExclusive(SafeFileHandle file) => Lock(file, NativeMethods.LOCK_EX | NativeMethods.LOCK_NB);

    static bool Lock(SafeFileHandle file, int operation)
    {
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            int fd = (int)file.DangerousGetHandle();
            int result;
            while ((result = NativeMethods.flock(fd, operation)) != 0 && Marshal.GetLastPInvokeError() == NativeMethods.EINTR) { }
            return result == 0;
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }
}
