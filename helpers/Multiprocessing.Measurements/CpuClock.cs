using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Multiprocessing.Measurements;

/// <summary>
/// CPU time used so far by this process, by the child processes it has started and waited for, and by any live
/// processes named: so a measurement can say how many cores a mode kept busy, the children's work included.
/// </summary>
internal static class CpuClock
{
    /// <summary>True where the CPU time of children that have ended is counted (Linux and macOS); on Windows it is not.</summary>
    public static bool CountsEndedChildren => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>This process's CPU time, plus its finished children's (Linux and macOS), plus <paramref name="livePids"/>'.</summary>
    public static TimeSpan Now(IEnumerable<int>? livePids = null)
    {
        using var self = Process.GetCurrentProcess();
        var total = self.TotalProcessorTime + FinishedChildren();
        foreach (var pid in livePids ?? [])
            total += Of(pid);
        return total;
    }

    /// <summary>The CPU time of the live process <paramref name="pid"/>; zero once it has gone.</summary>
    static TimeSpan Of(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException) { return TimeSpan.Zero; }
        catch (InvalidOperationException) { return TimeSpan.Zero; }
    }

    /// <summary>
    /// getrusage(RUSAGE_CHILDREN): user and system time of every child that has ended and been waited for
    /// (.NET waits for each process it starts). Windows has no such call; there it is zero.
    /// </summary>
    static TimeSpan FinishedChildren()
    {
        if (!CountsEndedChildren)
            return TimeSpan.Zero;
        return getrusage(RusageChildren, out var usage) == 0
            ? Seconds(usage.UserSeconds, usage.UserMicroseconds) + Seconds(usage.SystemSeconds, usage.SystemMicroseconds)
            : TimeSpan.Zero;
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

    [DllImport("libc", SetLastError = true)]
    static extern int getrusage(int who, out Rusage usage);
}
