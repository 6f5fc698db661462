using System.Runtime.InteropServices;

namespace Multiprocessing.Platform;

/// <summary>
/// The CPU time of the calling thread, and how fine its clock is. Linux and macOS: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>,
/// exact to well under a microsecond. Windows: <c>GetThreadTimes</c>, which the kernel advances once per clock interrupt
/// (15.625 ms by default). Elsewhere it is not measured (<see cref="IsSupported"/> is false).
/// Public for measurements (<c>Multiprocessing.Measurements</c>), so that they read the clock the thread pool's
/// <see cref="ThreadWorkerPool.CpuTime"/> reads, one copy of it; Python's nearest is <c>time.thread_time()</c>.
/// </summary>
public static partial class ThreadCpuTime
{
    /// <summary>True where <see cref="Now"/> reads a real clock.</summary>
    /// <returns>True on Linux, macOS and Windows.</returns>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsWindows();

    /// <summary>How far one reading may be off: 1 µs on Linux and macOS (a safe bound), one clock interrupt on Windows.</summary>
    /// <returns>The bound of one reading's error.</returns>
    public static TimeSpan Resolution => OperatingSystem.IsWindows() ? TimeSpan.FromTicks(156_250) : TimeSpan.FromMicroseconds(1);

    /// <summary>Equivalent of Python's <c>time.thread_time()</c>: CPU time the calling thread has used since it started, user and kernel; zero where not <see cref="IsSupported"/>.</summary>
    /// <returns>The calling thread's CPU time.</returns>
    public static TimeSpan Now()
    {
        if (OperatingSystem.IsWindows())
            return GetThreadTimes(GetCurrentThread(), out _, out _, out long kernel, out long user) ? TimeSpan.FromTicks(kernel + user) : TimeSpan.Zero;
        if (!IsSupported)
            return TimeSpan.Zero;
        int clock = OperatingSystem.IsMacOS() ? MacClockThreadCpuTime : LinuxClockThreadCpuTime;
        return clock_gettime(clock, out var time) == 0 ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100) : TimeSpan.Zero;
    }

    const int LinuxClockThreadCpuTime = 3;
    const int MacClockThreadCpuTime = 16;

    // struct timespec on 64-bit Linux and macOS: seconds and nanoseconds, both 64-bit.
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    internal static partial int clock_gettime(int clock, out Timespec time);

    // FILETIMEs as 100 ns counts, which is what TimeSpan ticks are.
    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(nint thread, out long creation, out long exit, out long kernel, out long user);

    [LibraryImport("kernel32")]
    private static partial nint GetCurrentThread();
}
