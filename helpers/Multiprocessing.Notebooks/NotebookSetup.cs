using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace Multiprocessing.Notebooks;

/// <summary>
/// What the first cell of every lesson runs (through <c>helpers/setup.csx</c>), in the order the pinned kernel needs:
/// the FSharp.Core redirect before any chart type loads, the helpers as references for later cells, Plotly.NET,
/// cells written to disk for child processes, the formatters that draw measurements, and worker output that outlives its cell.
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
        return SetUpKernelAsync();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static async Task SetUpKernelAsync()
    {
        var kernel = Kernel.Root?.FindKernelByName("csharp") as CSharpKernel ?? throw new InvalidOperationException(
            "NotebookSetup.StartAsync runs inside a .NET Interactive C# kernel (a Polyglot notebook). Outside a notebook, use the helpers directly.");

        if (_cells is null)
        {
            kernel.AddAssemblyReferences([typeof(NotebookSetup).Assembly.Location, typeof(ProcessPool).Assembly.Location, typeof(Measurements.Compare).Assembly.Location]);
            await LoadPackagesAsync();
            OptimizedCells.Enable(kernel);
            _cells = new CellFileWriter(kernel);
            AssemblyLocator.Register(_cells.Locate);
            NotebookDisplay.Register();
            LateOutput.Install(kernel);
        }
        Console.WriteLine($"Course helpers ready: {Measurements.MachineInfo.Current}. Kernel {typeof(Kernel).Assembly.GetName().Version}.");
    }

    /// <summary>Loads Plotly.NET through the kernel's own package support, so cells can use it as well.</summary>
    static async Task LoadPackagesAsync()
    {
        var result = await Kernel.Root.SendAsync(new SubmitCode(PlotlyPackages, "csharp"));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException(
                $"Could not load Plotly.NET from NuGet: {failed.Message}\nCharts need the packages once; check the network (or the NuGet cache), then run this cell again.");
    }

    /// <summary>The helpers' own dependencies (the Multiprocessing library and its measurements) are found next to them.</summary>
    static Assembly? FromFolder(AssemblyLoadContext context, AssemblyName name, string folder)
    {
        if (name.Name is null or "FSharp.Core")
            return null;
        var candidate = Path.Combine(folder, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
