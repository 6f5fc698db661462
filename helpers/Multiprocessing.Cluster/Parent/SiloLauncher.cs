using System.Diagnostics;
using System.Runtime.InteropServices;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Platform;

namespace Multiprocessing.Cluster.Parent;

/// <summary>Starts silo processes on the parent's runtime, through the library's one starter thread (as workers are).</summary>
internal static class SiloLauncher
{
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
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in new[] { "exec", "--runtimeconfig", runtimeConfig, program }.Concat(arguments.ToArgs()))
            info.ArgumentList.Add(arg);
        return ProcessStarter.StartAsync(info);
    }
}
