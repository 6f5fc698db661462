using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Multiprocessing.Cluster.Host;

namespace Multiprocessing.Cluster.Parent;

/// <summary>
/// Starts silo processes from one long-lived thread, as the process pool's <c>WorkerLauncher</c> does for workers:
/// on Linux a child's parent-death signal fires when the thread that forked it exits, so forking from a
/// thread-pool thread (which retires when idle) would kill healthy silos. (That launcher is private to the pool and
/// hard-wired to its worker program, so this is a small copy of its pattern.)
/// </summary>
internal static class SiloLauncher
{
    static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = new();

    static SiloLauncher()
    {
        new Thread(() =>
        {
            foreach (var (info, started) in Requests.GetConsumingEnumerable())
            {
                try { started.SetResult(Process.Start(info)!); }
                catch (Exception e) { started.SetException(e); }
            }
        }) { IsBackground = true, Name = "silo launcher" }.Start();
    }

    /// <summary>Starts <c>dotnet exec Multiprocessing.Cluster.dll</c> with its pipes redirected.</summary>
    /// <exception cref="FileNotFoundException">Throws when the silo program's runtime config is missing beside it.</exception>
    public static Task<Process> StartAsync(SiloArguments arguments)
    {
        var program = typeof(SiloHost).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(program, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
            throw new FileNotFoundException(
                $"The silo program needs {runtimeConfig}, which the build writes beside Multiprocessing.Cluster.dll. " +
                "Reference the Multiprocessing.Cluster project (not a copied dll), or build it again.", runtimeConfig);
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in new[] { "exec", "--runtimeconfig", runtimeConfig, program }.Concat(arguments.ToArgs()))
            info.ArgumentList.Add(arg);
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }

    /// <summary>The runtime lives in &lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/; the host is &lt;root&gt;/dotnet.</summary>
    static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var host = Path.Combine(Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")), name);
        if (File.Exists(host))
            return host;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } fromSdk && File.Exists(fromSdk) ? fromSdk : name;
    }
}
