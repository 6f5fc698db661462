using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Course;

/// <summary>
/// The kernel the course pins in <c>.config/dotnet-tools.json</c>. We start its dll directly:
/// <c>dotnet dotnet-interactive</c> is only a launcher, and killing it would leave the kernel running.
/// </summary>
internal static class PinnedKernel
{
    const string ToolId = "microsoft.dotnet-interactive";
    const string EntryPoint = "Microsoft.DotNet.Interactive.App.dll";

    /// <summary>The kernel's entry dll, restoring the tool first when it is not in the NuGet cache.</summary>
    public static string EntryDll()
    {
        var version = PinnedVersion();
        if (Find(version) is { } dll)
            return dll;
        Restore();
        return Find(version) ?? throw new InvalidOperationException(
            $"'dotnet tool restore' ran, but the kernel {ToolId} {version} is still not in {PackagesFolder()}. " +
            "Run 'dotnet tool restore' in the repository and read its errors.");
    }

    /// <summary>The version pinned in .config/dotnet-tools.json.</summary>
    public static string PinnedVersion()
    {
        var manifest = Path.Combine(Repository.Root, ".config", "dotnet-tools.json");
        var tools = JsonNode.Parse(File.ReadAllText(manifest))?["tools"]?.AsObject();
        return tools?[ToolId]?["version"]?.GetValue<string>() ?? throw new InvalidOperationException(
            $"{manifest} does not pin {ToolId}. Add it with 'dotnet tool install {ToolId} --version 1.0.712001'.");
    }

    /// <summary>The kernel's entry dll when <paramref name="version"/> is restored in the NuGet cache; null otherwise (nothing is restored).</summary>
    public static string? Installed(string version) => Find(version);

    static string? Find(string version)
    {
        var tools = Path.Combine(PackagesFolder(), ToolId, version, "tools");
        if (!Directory.Exists(tools))
            return null;
        return Directory.EnumerateFiles(tools, EntryPoint, SearchOption.AllDirectories).FirstOrDefault();
    }

    static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    static void Restore()
    {
        var start = new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var restore = Process.Start(start)!;
        var output = restore.StandardOutput.ReadToEndAsync();
        var errors = restore.StandardError.ReadToEndAsync();
        if (!restore.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            restore.Kill(entireProcessTree: true);
            throw new TimeoutException("'dotnet tool restore' did not finish in 5 minutes. Check the network, then run it by hand.");
        }
        if (restore.ExitCode != 0)
            throw new InvalidOperationException($"'dotnet tool restore' failed ({restore.ExitCode}):\n{output.Result}{errors.Result}");
    }
}
