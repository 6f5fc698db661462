using System.Diagnostics;

namespace Multiprocessing;

/// <summary>
/// Where a worker's start-up time goes: with the environment variable <c>DOTNET_MP_TRACE=1</c>, the parent and each
/// worker write one line per step to standard error, <c>mp-trace {pid} {step} {ms}</c>, the time on the machine's
/// monotonic clock, which every process on Linux shares, so the steps of parent and workers line up.
/// </summary>
internal static class StartupTrace
{
    static readonly bool On = Environment.GetEnvironmentVariable("DOTNET_MP_TRACE") == "1";

    public static void Mark(string step)
    {
        if (On)
            Console.Error.WriteLine($"mp-trace {Environment.ProcessId} {step} {Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency:F2}");
    }
}
