using System.Diagnostics;

namespace Multiprocessing.Shared;

/// <summary>Whether a process id belongs to a running process.</summary>
internal static class ProcessLiveness
{
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        if (OperatingSystem.IsLinux())
            return Directory.Exists($"/proc/{pid}");
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
