using System.Text.Json;
using System.Text.Json.Nodes;
using Multiprocessing;
using Multiprocessing.Hosting;

namespace Course.Jupyter;

/// <summary>
/// The course's Jupyter kernelspec, <c>.net-csharp</c>. Its kernel is the course tool's <c>kernel</c> command, which
/// starts the pinned .NET Interactive kernel with its HTTP API on a private Unix socket instead of on every network
/// interface (see <see cref="KernelLauncher"/>).
/// </summary>
internal static class Kernelspec
{
    /// <summary>The kernelspec's name: the one the lessons' metadata asks for.</summary>
    public const string Name = ".net-csharp";

    /// <summary>
    /// Equivalent of <c>jupyter kernelspec install</c> for the course kernel: writes <c>{kernels}/.net-csharp/kernel.json</c>.
    /// </summary>
    /// <param name="kernels">The kernels folder, by default <see cref="JupyterFolders.Kernels"/>.</param>
    /// <param name="launcher">The course tool's dll that Jupyter runs as the kernel.</param>
    /// <returns>The kernelspec's folder.</returns>
    /// <exception cref="ArgumentException">Throws when <paramref name="kernels"/> is a file, or the launcher dll is missing.</exception>
    public static string Install(string kernels, string launcher)
    {
        kernels = Path.GetFullPath(kernels);
        if (File.Exists(kernels))
            throw new ArgumentException($"--path {kernels} is a file; give the folder that holds kernelspecs (Jupyter's is {JupyterFolders.Kernels()}).");
        if (!File.Exists(launcher))
            throw new ArgumentException($"The course tool's dll {launcher} does not exist; build it with 'dotnet build helpers/Course'.");

        var folder = Path.Combine(kernels, Name);
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            // The host by its full path: Jupyter may start kernels with a PATH that lacks dotnet.
            ["argv"] = new JsonArray(DotnetHost.Path, Path.GetFullPath(launcher), "kernel", "{connection_file}"),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            // Jupyter interrupts with SIGINT; the launcher turns it into the kernel's Cancel.
            ["interrupt_mode"] = "signal",
            ["metadata"] = new JsonObject
            {
                ["course"] = "Multiprocessing in .NET: the pinned kernel with its HTTP API on a private Unix socket",
                ["pinned_kernel"] = $"microsoft.dotnet-interactive {PinnedKernel.PinnedVersion()}",
            },
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }
}
