namespace Multiprocessing.Platform;

/// <summary>
/// Environment variables that a tracer, a profiler, a debugger or hot reload sets for the one process it was asked to
/// watch, and that a child of that process must not inherit: each one configures how the .NET runtime itself starts,
/// before any of the library's code runs. A worker, a child or a silo started with them would connect to the tool's
/// port and wait to be resumed (a tool answers only the process it launched, so it waits for ever), run the tool's
/// startup hook or profiler, or write its trace over the parent's. They are dropped from every child's environment;
/// to trace a worker, attach the tool to it by its pid (<c>dotnet-trace collect -p PID</c>).
/// </summary>
/// <remarks>
/// The list, from the runtime's configuration names (clrconfignames.h), the host's (hostpolicy) and the SDK's
/// dotnet-watch and its hot reload agent (Microsoft.DotNet.HotReload's AgentEnvironmentVariables). Runtime settings
/// are read both as <c>DOTNET_name</c> and as the older <c>COMPlus_name</c>; both spellings are dropped.
/// <list type="bullet">
/// <item><c>DiagnosticPorts</c>, <c>DefaultDiagnosticPortSuspend</c>: the diagnostic ports dotnet-trace, dotnet-monitor
/// and Visual Studio's profiler give the process they launch; a port is in suspend mode unless it says <c>nosuspend</c>,
/// so the runtime pauses before <c>Main</c> until that tool resumes it.</item>
/// <item><c>EnableEventPipe</c>, <c>EventPipeOutputPath</c>, <c>EventPipeConfig</c>, <c>EventPipeOutputStreaming</c>,
/// <c>EventPipeCircularMB</c>, <c>EventPipeRundown</c>, <c>EventPipeProcNumbers</c>, <c>EventPipeEnableStackwalk</c>:
/// a trace from the start to a file, by default the same file for every process.</item>
/// <item><c>CORECLR_ENABLE_PROFILING</c>, <c>CORECLR_PROFILER</c>, <c>CORECLR_PROFILER_PATH</c> (and its <c>_32</c>,
/// <c>_64</c>, <c>_ARM32</c>, <c>_ARM64</c> forms), <c>CORECLR_ENABLE_NOTIFICATION_PROFILERS</c>,
/// <c>CORECLR_NOTIFICATION_PROFILERS</c> (and its forms): a native profiler loaded into the runtime (APM agents,
/// Visual Studio's and Rider's profilers).</item>
/// <item><c>DOTNET_STARTUP_HOOKS</c>: managed code the host runs before <c>Main</c> (dotnet watch's hot reload agent,
/// APM agents).</item>
/// <item><c>MODIFIABLE_ASSEMBLIES</c>, <c>ForceEnc</c>, <c>DOTNET_HOTRELOAD_NAMEDPIPE_NAME</c>,
/// <c>HOTRELOAD_DELTA_CLIENT_LOG_MESSAGES</c>, and every <c>DOTNET_WATCH…</c> variable (among them
/// <c>DOTNET_WATCH_HOTRELOAD_NAMEDPIPE_NAME</c>, the pipe the agent connects to): hot reload by dotnet watch, Visual
/// Studio and Rider, which applies edits to the process it launched, not to a child.</item>
/// </list>
/// Kept: <c>DOTNET_EnableDiagnostics</c> and its <c>_IPC</c>, <c>_Debugger</c>, <c>_Profiler</c> forms, which only turn
/// these features off (a hardened container sets them, and its workers should stay as closed), and every setting of
/// the program's own (culture, GC limits, <c>DOTNET_ROOT</c>, dump settings).
/// </remarks>
internal static class ToolVariables
{
    /// <summary>Runtime settings, each read as <c>DOTNET_{name}</c> and as <c>COMPlus_{name}</c>.</summary>
    static readonly string[] RuntimeSettings =
    [
        "DiagnosticPorts", "DefaultDiagnosticPortSuspend",
        "EnableEventPipe", "EventPipeOutputPath", "EventPipeConfig", "EventPipeOutputStreaming", "EventPipeCircularMB",
        "EventPipeRundown", "EventPipeProcNumbers", "EventPipeEnableStackwalk",
        "MODIFIABLE_ASSEMBLIES", "ForceEnc",
    ];

    /// <summary>Variables read under their own names.</summary>
    static readonly string[] ExactNames =
    [
        "DOTNET_STARTUP_HOOKS",
        "CORECLR_ENABLE_PROFILING", "CORECLR_PROFILER",
        "CORECLR_PROFILER_PATH", "CORECLR_PROFILER_PATH_32", "CORECLR_PROFILER_PATH_64", "CORECLR_PROFILER_PATH_ARM32", "CORECLR_PROFILER_PATH_ARM64",
        "CORECLR_ENABLE_NOTIFICATION_PROFILERS",
        "CORECLR_NOTIFICATION_PROFILERS", "CORECLR_NOTIFICATION_PROFILERS_32", "CORECLR_NOTIFICATION_PROFILERS_64",
        "CORECLR_NOTIFICATION_PROFILERS_ARM32", "CORECLR_NOTIFICATION_PROFILERS_ARM64",
        "DOTNET_HOTRELOAD_NAMEDPIPE_NAME", "HOTRELOAD_DELTA_CLIENT_LOG_MESSAGES",
    ];

    /// <summary>Every variable whose name starts with this belongs to dotnet watch.</summary>
    const string WatchPrefix = "DOTNET_WATCH";

    static readonly HashSet<string> Dropped = new(
        RuntimeSettings.SelectMany(name => new[] { "DOTNET_" + name, "COMPlus_" + name }).Concat(ExactNames),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a variable a child must not inherit (names compare without case, as Windows does).</summary>
    public static bool IsToolVariable(string name) =>
        Dropped.Contains(name) || name.StartsWith(WatchPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes the tool variables from a child's <paramref name="environment"/>.</summary>
    public static void RemoveFrom(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(IsToolVariable).ToList())
            environment.Remove(name);
    }
}
