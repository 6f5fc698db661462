using System.Runtime.InteropServices;

namespace Multiprocessing.Platform;

/// <summary>The few libc (and one Windows) calls .NET does not wrap.</summary>
internal static partial class NativeMethods
{
    public const int PR_SET_PDEATHSIG = 1;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nint arg2, nint arg3, nint arg4, nint arg5);

    [LibraryImport("libc")]
    public static partial int getppid();

    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);

    public const uint HANDLE_FLAG_INHERIT = 1;

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetHandleInformation(nint handle, uint mask, uint flags);
}
