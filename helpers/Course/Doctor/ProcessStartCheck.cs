using System.Diagnostics;
using Multiprocessing;

namespace Course.Doctor;

/// <summary>One real child process, started and joined with the course's own <see cref="ChildProcess"/>, and timed.</summary>
internal static class ProcessStartCheck
{
    /// <summary>Longer than this, and a lesson's start-up figures will be far above the README's.</summary>
    static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static DoctorItem Check()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var child = new ChildProcess(Nothing);
            child.Start();
            if (!child.Join(Limit))
            {
                child.Kill();
                child.Join(TimeSpan.FromSeconds(5));
                return DoctorItem.Fail("Process start", $"a child process did not finish in {Limit.TotalSeconds:0} s.",
                    "see the lines above; a machine this busy will not show the lessons' speedups (close other programs).");
            }
            var elapsed = clock.Elapsed;
            if (child.ExitCode != 0)
                return DoctorItem.Fail("Process start", $"a child process exited with code {child.ExitCode} after {elapsed.TotalSeconds:0.00} s.",
                    "read its error above; it usually means the .NET 10 runtime is missing (see '.NET runtime').");
            var found = $"a child process (dotnet exec, the course's ChildProcess) started and ended in {elapsed.TotalSeconds:0.00} s{Load()}";
            return elapsed > Slow
                ? DoctorItem.Warn("Process start", $"{found}, slow: lessons' start-up times will be well above the README's.", "close other programs (a load average above the cores means they wait for a core) or pause antivirus scanning of the course folder, then run doctor again.")
                : DoctorItem.Pass("Process start", $"{found}.");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException or BrokenProcessPoolException)
        {
            return DoctorItem.Fail("Process start", $"a child process could not be started: {e.Message}", "fix the items marked ✗ above, then run doctor again.");
        }
    }

    // Linux's 1-minute load average beside the core count: a start that is slow because the machine is busy says so.
    static string Load()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.ReadAllText("/proc/loadavg").Split(' ')[0] is var load)
                return $" (load average {load} on {Environment.ProcessorCount} {(Environment.ProcessorCount == 1 ? "core" : "cores")})";
        }
        catch (IOException)
        {
        }
        return "";
    }

    // What the child runs: nothing, so the time is the process's own start and end.
    static void Nothing()
    {
    }
}
