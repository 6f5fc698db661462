using System.Diagnostics;

namespace Multiprocessing.Platform;

/// <summary>
/// Whether a process id belongs to a running process: only for a process the caller started itself, whose pid it got
/// in its own PID namespace. Anything recorded in shared memory is judged by <see cref="ProcessIdentity"/> instead.
/// </summary>
internal static class ProcessLiveness
{
    /// <summary>True while the process runs. A zombie (exited, not yet reaped) counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // /proc/<pid>/stat is "pid (name) S ...": the state letter follows the last ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
                return state.Length > 0 && state[0] is not ('Z' or 'X');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
