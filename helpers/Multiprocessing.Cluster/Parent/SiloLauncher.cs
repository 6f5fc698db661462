using System.Diagnostics;
using System.Text.Json.Nodes;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Parent;
using Multiprocessing.Platform;

namespace Multiprocessing.Cluster.Parent;

/// <summary>
/// Starts silo processes on the parent's runtime, as workers are started (<see cref="ChildLauncher"/>): through the
/// library's one starter thread, with pipes of their own, an empty stdin, no tool variables, and the parent's culture
/// and runtime properties.
/// <para>
/// What a silo does not take from a worker's start (<c>WorkerLauncher</c>), on purpose: a silo is a different program,
/// an Orleans host, so its runtime options (framework, GC) are those its own build wrote, not the worker's small
/// workstation-GC config; and it is started once and then runs many calls, so the worker's start-up savings (no tiered
/// PGO, no server GC taken from a notebook kernel's variables) would buy little and cost it steady-state speed.
/// </para>
/// </summary>
internal static class SiloLauncher
{
    static readonly Lazy<string> RuntimeConfig = new(WriteRuntimeConfig, LazyThreadSafetyMode.PublicationOnly); // a failure is tried again next time

    /// <summary>Starts <c>dotnet exec Multiprocessing.Cluster.dll</c> with its output redirected, and returns it with its pipes.</summary>
    /// <exception cref="FileNotFoundException">Throws when the silo program's runtime config is missing beside it.</exception>
    /// <exception cref="NotSupportedException">Throws in a single-file app, naming the way out.</exception>
    public static Task<(Process Process, ChildPipes Pipes)> StartAsync(SiloArguments arguments, ParentCulture culture) =>
        ChildLauncher.StartAsync(Program, RuntimeConfig.Value, [.. arguments.ToArgs(), .. culture.Arguments]);

    /// <summary>The silo program, <c>Multiprocessing.Cluster.dll</c>.</summary>
    /// <exception cref="NotSupportedException">Throws in a single-file app (<see cref="SingleFileApp"/>).</exception>
    public static string Program => SingleFileApp.ProgramFile(typeof(SiloHost).Assembly);

    /// <summary>
    /// The silo program's own runtime config (its frameworks and properties, written by the build beside it), with this
    /// process's runtime properties added (<see cref="ParentRuntimeProperties"/>); written once per parent.
    /// </summary>
    static string WriteRuntimeConfig()
    {
        var own = Path.ChangeExtension(Program, ".runtimeconfig.json");
        if (!File.Exists(own))
            throw new FileNotFoundException(
                $"The silo program needs {own}, which the build writes beside Multiprocessing.Cluster.dll. " +
                "Reference the Multiprocessing.Cluster project (not a copied dll), or build it again.", own);
        var options = JsonNode.Parse(File.ReadAllText(own))?["runtimeOptions"]?.DeepClone() as JsonObject
            ?? throw new InvalidDataException($"{own} has no runtimeOptions. Build Multiprocessing.Cluster again.");
        return ChildRuntimeConfig.Write("silo", options);
    }
}
