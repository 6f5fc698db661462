using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Multiprocessing.Child;
using Multiprocessing.Platform;
using Multiprocessing.Wire;

namespace Multiprocessing.Parent;

/// <summary>Starts worker processes (through <see cref="ChildLauncher"/>) on the parent's runtime, with a runtime config of their own.</summary>
internal static class WorkerLauncher
{
    static readonly Lazy<string> RuntimeConfig = new(WriteRuntimeConfig, LazyThreadSafetyMode.PublicationOnly); // a failure is tried again next time

    /// <summary>The worker program, <c>Multiprocessing.dll</c>.</summary>
    /// <exception cref="NotSupportedException">Throws in a single-file app (<see cref="SingleFileApp"/>).</exception>
    public static string Program => SingleFileApp.ProgramFile(typeof(WorkerHost).Assembly);

    /// <summary>Starts a worker in <paramref name="culture"/> and returns it with its pipes.</summary>
    public static (Process Process, ChildPipes Pipes) Start(WorkerMode mode, ParentCulture culture)
    {
        string[] arguments = ["--mode", mode.ToString(), "--parent", Environment.ProcessId.ToString(), .. culture.Arguments];
        return ChildLauncher.StartAsync(Program, RuntimeConfig.Value, arguments, environment =>
        {
            // Workers start faster without dynamic PGO's instrumentation tier.
            environment["DOTNET_TieredPGO"] = "0";
            // A worker is small: it never takes a host's server GC (a notebook kernel's), which starts a heap and a GC
            // thread per core. The variables would override the runtime config written below.
            foreach (var name in new[] { "DOTNET_gcServer", "COMPlus_gcServer", "DOTNET_GCgen0size", "COMPlus_GCgen0size" })
                environment.Remove(name);
        }).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The worker runs on the parent's exact runtime, with the parent's runtime properties (<see cref="ParentRuntimeProperties"/>)
    /// and a small process's GC. A runtime config is written once per parent, because the library's own may not sit
    /// beside it when the library is referenced from another project or a notebook.
    /// </summary>
    static string WriteRuntimeConfig() => ChildRuntimeConfig.Write("worker", new JsonObject
    {
        ["tfm"] = "net" + Environment.Version.ToString(2),
        ["framework"] = new JsonObject
        {
            ["name"] = "Microsoft.NETCore.App",
            ["version"] = RuntimeInformation.FrameworkDescription.Split(' ')[^1],
        },
        ["configProperties"] = new JsonObject
        {
            ["System.GC.Server"] = false, // workstation GC, whatever the parent runs with
            ["System.GC.Concurrent"] = false, // no background GC thread to start
        },
    });
}
