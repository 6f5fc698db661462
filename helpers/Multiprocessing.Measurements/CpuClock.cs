using System.Diagnostics;
using System.Runtime.InteropServices;
using Multiprocessing.Platform;

namespace Multiprocessing.Measurements;

/// <summary>
/// The CPU clocks a measurement reads, each with its resolution, so a run too short for them shows no cores busy:
/// <list type="bullet">
/// <item>the calling thread: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> on Linux and macOS (exact to a microsecond),
/// <c>GetThreadTimes</c> on Windows (15.6 ms steps);</item>
/// <item>a live child process: on Linux its CPU-time clock (<c>clock_getcpuclockid</c>, exact to a microsecond), else
/// <see cref="Process.TotalProcessorTime"/> (exact on macOS, 15.6 ms steps on Windows, 10 ms on Linux);</item>
/// <item>children that have ended: <c>getrusage(RUSAGE_CHILDREN)</c> on Linux and macOS (exact to a microsecond; .NET waits
/// for every process it starts, which adds it there); Windows has no such call, so there it is unknown.</item>
/// </list>
/// </summary>
internal static class CpuClock
{
    /// <summary>True where the CPU time of children that have ended is known (Linux and macOS).</summary>
    public static bool CountsEndedChildren => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>What the code between a reading and the wall clock's start or stop may add: a few clock calls.</summary>
    public static readonly TimeSpan ReadingCost = TimeSpan.FromMicroseconds(10);

    /// <summary>The calling thread's CPU time; null where there is no thread clock.</summary>
    public static CpuReading? CallingThread() =>
        ThreadCpuTime.IsSupported ? new CpuReading(ThreadCpuTime.Now(), ThreadCpuTime.Resolution) : null;

    /// <summary>The CPU time of the live process <paramref name="pid"/>, all its threads; zero once it has gone.</summary>
    public static CpuReading Process(int pid)
    {
        if (OperatingSystem.IsLinux() && clock_getcpuclockid(pid, out int clock) == 0)
            return new CpuReading(clock_gettime(clock, out var time) == 0
                ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
                : TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
        var resolution = OperatingSystem.IsWindows() ? TimeSpan.FromTicks(156_250)
            : OperatingSystem.IsLinux() ? TimeSpan.FromMilliseconds(10) // /proc/<pid>/stat counts in 1/100 s
            : TimeSpan.FromMicroseconds(1);
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return new CpuReading(process.TotalProcessorTime, resolution);
        }
        catch (ArgumentException) { return new CpuReading(TimeSpan.Zero, resolution); }
        catch (InvalidOperationException) { return new CpuReading(TimeSpan.Zero, resolution); }
    }

    /// <summary>
    /// getrusage(RUSAGE_CHILDREN): user and system time of every child of this process that has ended and been waited for;
    /// null on Windows, which has no such call.
    /// </summary>
    public static CpuReading? EndedChildren()
    {
        if (!CountsEndedChildren)
            return null;
        return getrusage(RusageChildren, out var usage) == 0
            ? new CpuReading(Seconds(usage.UserSeconds, usage.UserMicroseconds) + Seconds(usage.SystemSeconds, usage.SystemMicroseconds), TimeSpan.FromMicroseconds(1))
            : null;
    }

    static TimeSpan Seconds(long seconds, long microseconds) => TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond + microseconds * 10);

    const int RusageChildren = -1;

    // struct rusage on 64-bit Linux and macOS: two timevals (16 bytes each), then 14 longs we do not read.
    [StructLayout(LayoutKind.Sequential)]
    struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13;
    }

    [DllImport("libc")]
    static extern int getrusage(int who, out Rusage usage);

    // struct timespec on 64-bit Linux: seconds and nanoseconds, both 64-bit.
    [StructLayout(LayoutKind.Sequential)]
    struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    static extern int clock_gettime(int clock, out Timespec time);

    [DllImport("libc")]
    static extern int clock_getcpuclockid(int pid, out int clock);
}
