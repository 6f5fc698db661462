using System.Runtime.InteropServices;

namespace Multiprocessing.Platform;

internal static unsafe partial class NativeMethods
{
    public const int FUTEX_WAIT = 0;
    public const int FUTEX_WAKE = 1;
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int ETIMEDOUT = 110;

    /// <summary>A relative timeout for <c>FUTEX_WAIT</c>: seconds and nanoseconds, as <c>struct timespec</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>
    /// <c>syscall(SYS_futex, ...)</c>. glibc's <c>syscall</c> is variadic, but it only moves integer registers, so calling
    /// it with a fixed signature is sound on x64 and arm64 Linux, the two architectures <see cref="Sync.AddressWait"/> uses it on.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long futex(long number, int* address, int operation, int value, Timespec* timeout, int* address2, int value3);
}
