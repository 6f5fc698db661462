using System.Reflection;
using System.Runtime.Loader;

namespace Course.Notebooks;

/// <summary>
/// Kernel 1.0.712001 loads FSharp.Core 10.0.0.0, but Plotly.NET 6.0.0 asks for 10.1.0.0, so every chart
/// throws "Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'". The kernel is frozen upstream,
/// so we answer that request with the FSharp.Core already loaded. It must be installed before any Plotly.NET type is touched.
/// </summary>
public static class FSharpCoreRedirect
{
    static int _installed;

    /// <summary>Installs the redirect once per process; later calls do nothing.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
            AssemblyLoadContext.Default.Resolving += Resolve;
    }

    /// <summary>The loaded FSharp.Core for any request of FSharp.Core that the loader could not satisfy.</summary>
    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested) =>
        requested.Name == "FSharp.Core"
            ? context.Assemblies.FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            : null;
}
