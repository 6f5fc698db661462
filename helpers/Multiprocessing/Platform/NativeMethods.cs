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

    /// <summary>
    /// <c>fcntl(fd, command, argument)</c> for a command that takes an int. fcntl is variadic (<c>int fcntl(int, int, ...)</c>),
    /// which a P/Invoke cannot declare (dotnet/runtime#48752). On Linux and Intel Macs a variadic int travels where a fixed
    /// third int would, so a fixed declaration works. On Apple silicon variadic arguments go on the stack, after the eight
    /// argument registers: there six unused register arguments fill x2–x7, and the argument, widened to a full 8-byte slot,
    /// lands in the first stack slot, where fcntl reads it (the workaround the runtime's maintainers point to).
    /// </summary>
    public static int fcntl(int fd, int command, int argument) =>
        OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64
            ? fcntl_variadic_arm64(fd, command, 0, 0, 0, 0, 0, 0, argument)
            : fcntl_fixed(fd, command, argument);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl_fixed(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl_variadic_arm64(int fd, int command, nint x2, nint x3, nint x4, nint x5, nint x6, nint x7, nint argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);

    public const uint HANDLE_FLAG_INHERIT = 1;

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetHandleInformation(nint handle, uint mask, uint flags);
}
