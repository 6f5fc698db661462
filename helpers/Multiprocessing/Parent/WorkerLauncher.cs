using System.Diagnostics;
using System.Runtime.InteropServices;
using Multiprocessing.Child;
using Multiprocessing.Platform;
using Multiprocessing.Wire;

namespace Multiprocessing.Parent;

/// <summary>Starts worker processes (through <see cref="ProcessStarter"/>) on the parent's runtime, with a runtime config of their own.</summary>
internal static class WorkerLauncher
{
    static readonly Lazy<string> RuntimeConfig = new(WriteRuntimeConfig);

    /// <summary>Starts a worker and returns it with its pipes redirected.</summary>
    public static Process Start(WorkerMode mode)
    {
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in new[] { "exec", "--runtimeconfig", RuntimeConfig.Value, typeof(WorkerHost).Assembly.Location,
                     "--mode", mode.ToString(), "--parent", Environment.ProcessId.ToString() })
            info.ArgumentList.Add(arg);
        // Workers start faster without dynamic PGO's instrumentation tier.
        info.Environment["DOTNET_TieredPGO"] = "0";
        // A worker is small: it never takes a host's server GC (a notebook kernel's), which starts a heap and a GC
        // thread per core. The variables would override the runtime config written below.
        foreach (var name in new[] { "DOTNET_gcServer", "COMPlus_gcServer", "DOTNET_GCgen0size", "COMPlus_GCgen0size" })
            info.Environment.Remove(name);
        return ProcessStarter.StartAsync(info).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The worker runs on the parent's exact runtime. A runtime config is written once per parent, because
    /// the library's own may not sit beside it when the library is referenced from another project or a notebook.
    /// </summary>
    static string WriteRuntimeConfig()
    {
        var version = RuntimeInformation.FrameworkDescription.Split(' ')[^1];
        var json = System.Text.Encoding.UTF8.GetString(Wire.Json.Write(config =>
        {
            config.WriteStartObject();
            config.WriteStartObject("runtimeOptions");
            config.WriteString("tfm", "net" + Environment.Version.ToString(2));
            config.WriteStartObject("framework");
            config.WriteString("name", "Microsoft.NETCore.App");
            config.WriteString("version", version);
            config.WriteEndObject();
            config.WriteStartObject("configProperties");
            config.WriteBoolean("System.GC.Server", false); // workstation GC, whatever the parent runs with
            config.WriteBoolean("System.GC.Concurrent", false); // no background GC thread to start
            config.WriteEndObject();
            config.WriteEndObject();
            config.WriteEndObject();
        }));
        // A new file of this process's own, so no other user of a shared temp folder can have planted or changed it;
        // held and deleted by ProcessFiles, or by a later parent's sweep if this one was killed.
        return ProcessFiles.WriteTempFile("worker", ".runtimeconfig.json", System.Text.Encoding.UTF8.GetBytes(json));
    }
}
