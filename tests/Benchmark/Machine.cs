using System.Runtime.InteropServices;
using Multiprocessing.Measurements;

namespace Benchmark;

/// <summary>What the report says about the machine, including how busy it was: other load skews every figure.</summary>
internal static class Machine
{
    /// <summary>The 1-minute load average, or "n/a" where /proc/loadavg does not exist.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    public static void Print(string? pythonVersion, string? pythonProblem, string loadBefore, string loadAfter)
    {
        var machine = MachineInfo.Current;
        Console.WriteLine("machine");
        Console.WriteLine($"  cores:  {machine.Cores}");
        Console.WriteLine($"  os:     {machine.OS} ({RuntimeInformation.OSArchitecture})");
        Console.WriteLine($"  .net:   {machine.Dotnet}");
        Console.WriteLine($"  python: {pythonVersion ?? "n/a"}{(pythonProblem is null ? "" : $" ({pythonProblem})")}");
        Console.WriteLine($"  load:   {loadBefore} before, {loadAfter} after (1-minute average; above ~0.5 other work skews the figures)");
    }
}
