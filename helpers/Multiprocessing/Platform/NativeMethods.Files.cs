using System.Runtime.InteropServices;

namespace Multiprocessing.Platform;

/// <summary>The libc calls for the files a process holds (<see cref="FileLock"/>) and the space it reserves.</summary>
internal static partial class NativeMethods
{
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    public const int ENOSPC = 28;
    public const int EFBIG = 27;
    public const int EROFS = 30;

    /// <summary>"The file is locked": EAGAIN on Linux, 35 on macOS and the BSDs. .NET puts it in an IOException's HResult.</summary>
    public static int EWOULDBLOCK => OperatingSystem.IsLinux() ? 11 : 35;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int flock(int fd, int operation);

    /// <summary>Returns 0 or the error number itself: unlike most calls, it does not set errno.</summary>
    [LibraryImport("libc")]
    public static partial int posix_fallocate(int fd, long offset, long length);
}
