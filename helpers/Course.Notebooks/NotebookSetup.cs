using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Multiprocessing;
using Multiprocessing.Hosting;

namespace Course.Notebooks;

/// <summary>
/// What the first cell of every lesson runs (through <c>helpers/setup.csx</c>), in the order the pinned kernel needs:
/// the FSharp.Core redirect before any chart type loads, the helpers as references for later cells, Plotly.NET,
/// cells written to disk for child processes, the formatters that draw measurements, worker output that outlives its cell,
/// and an input that ends at once for cells that read the console.
/// </summary>
public static class NotebookSetup
{
    /// <summary>The Plotly.NET packages the lessons load; the versions the course pins.</summary>
    public const string PlotlyPackages = "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"";

    static CellFileWriter? _cells;

    /// <summary>The cells written to disk for child processes so far, by assembly name (for tests and curious learners).</summary>
    public static IReadOnlyDictionary<string, string> CellFiles => _cells?.Files ?? new Dictionary<string, string>();

    /// <summary>
    /// Sets up the current C# kernel for the course. Running it again does nothing new.
    /// </summary>
    /// <exception cref="InvalidOperationException">Throws outside a notebook, or when Plotly.NET cannot be loaded.</exception>
    public static Task StartAsync()
    {
        // Resolvers first, in a method that names no other type: the JIT loads the types a method uses
        // when it compiles it, and Plotly.NET or the Multiprocessing library must not load before these exist.
        FSharpCoreRedirect.Install();
        var here = Path.GetDirectoryName(typeof(NotebookSetup).Assembly.Location)!;
        AssemblyLoadContext.Default.Resolving += (context, name) => FromFolder(context, name, here);
        AssemblyLoadContext.Default.Resolving += (context, name) => FromFolder(context, name, ClusterFolder);
        return SetUpKernelAsync();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static async Task SetUpKernelAsync()
    {
        var kernel = Kernel.Root?.FindKernelByName("csharp") as CSharpKernel ?? throw new InvalidOperationException(
            "NotebookSetup.StartAsync runs inside a .NET Interactive C# kernel (a Polyglot notebook). Outside a notebook, use the helpers directly.");

        if (_cells is null)
        {
            kernel.AddAssemblyReferences([typeof(NotebookSetup).Assembly.Location, typeof(ProcessPool).Assembly.Location, typeof(Multiprocessing.Measurements.Compare).Assembly.Location,
                Path.Combine(ClusterFolder, "Multiprocessing.Cluster.dll")]);
            await LoadPackagesAsync();
            OptimizedCells.Enable(kernel);
            _cells = new CellFileWriter(kernel);
            NotebookDisplay.Register();
            LateOutput.Install(kernel);
            // For the kernel's life: the handle is never disposed.
            FrontEnd.Use(new NotebookFrontEnd(_cells));
            NotebookInput.Install();
        }
        Console.WriteLine($"Course helpers ready: {Multiprocessing.Measurements.MachineInfo.Current}. Kernel {typeof(Kernel).Assembly.GetName().Version}.");
    }

    /// <summary>Loads Plotly.NET through the kernel's own package support, so cells can use it as well.</summary>
    static async Task LoadPackagesAsync()
    {
        // Run inside the setup cell, the load's events go to the cell, not to its own result: watch them there.
        var cell = KernelInvocationContext.Current;
        var seen = new EventLog();
        KernelCommandResult result;
        using (cell?.KernelEvents.Subscribe(seen))
            result = await Kernel.Root.SendAsync(new SubmitCode(PlotlyPackages, "csharp"));
        if (result.Events.Concat(seen.Events).OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException(
                $"Could not load Plotly.NET from NuGet: {failed.Message}\nCharts need the packages once; check the network (or the NuGet cache), then run this cell again.");
        if (cell is not null)
            HidePackagePaths(cell, seen.Events);
    }

    /// <summary>
    /// The kernel announces an extension it loads with the dll's full path in this machine's NuGet cache, in the setup
    /// cell's output, which handouts share; the announcement is rewritten in place to name the file alone.
    /// </summary>
    static void HidePackagePaths(KernelInvocationContext cell, IEnumerable<KernelEvent> events)
    {
        // A backquoted absolute path, as the kernel writes the extension it loads.
        var packagePath = new System.Text.RegularExpressions.Regex(@"`(?<path>(/|[A-Za-z]:\\)[^`]+)`");
        foreach (var shown in events.OfType<DisplayedValueProduced>())
        {
            if (shown.ValueId is not { } id || shown.Value is not string text || !packagePath.IsMatch(text))
                continue;
            var named = packagePath.Replace(text, match => $"`{Path.GetFileName(match.Groups["path"].Value)}`");
            cell.Publish(new DisplayedValueUpdated(named, id, cell.Command, [new FormattedValue(PlainTextFormatter.MimeType, named)]));
        }
    }

    /// <summary>The events a cell published while it was watched.</summary>
    sealed class EventLog : IObserver<KernelEvent>
    {
        readonly List<KernelEvent> _events = [];

        public KernelEvent[] Events { get { lock (_events) return [.. _events]; } }

        public void OnNext(KernelEvent value) { lock (_events) _events.Add(value); }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }

    /// <summary>
    /// Where the cluster library (lesson 8) and Orleans are: its own build folder, artifacts/bin/Multiprocessing.Cluster/&lt;config&gt;/,
    /// beside this one. The library is also the silo program, so it runs from there, with its runtime config and Orleans's dlls;
    /// the kernel's own Microsoft.Extensions 10 (from the ASP.NET Core shared framework) serve Orleans 10, so only Orleans itself is found here.
    /// </summary>
    internal static string ClusterFolder { get; } = Path.GetFullPath(Path.Combine(
        Path.GetDirectoryName(typeof(NotebookSetup).Assembly.Location)!, "..", "..", "Multiprocessing.Cluster",
        Path.GetFileName(Path.GetDirectoryName(typeof(NotebookSetup).Assembly.Location)!)));

    /// <summary>The helpers' own dependencies (the Multiprocessing library and its measurements) are found next to them.</summary>
    static Assembly? FromFolder(AssemblyLoadContext context, AssemblyName name, string folder)
    {
        if (name.Name is null or "FSharp.Core")
            return null;
        var candidate = Path.Combine(folder, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
