using System.Runtime.InteropServices;

namespace Multiprocessing.Hosting;

/// <summary>
/// The <c>dotnet</c> host of the runtime this process runs on, by its full path: what a worker, a silo or a kernel is
/// started with, so a child runs on its parent's runtime whatever <c>dotnet</c> is first on the <c>PATH</c>.
/// </summary>
public static class DotnetHost
{
    /// <summary>
    /// The host's full path, <c>{root}/dotnet</c> (<c>dotnet.exe</c> on Windows), where this runtime lives in
    /// <c>{root}/shared/Microsoft.NETCore.App/{version}/</c>; else the SDK's <c>DOTNET_HOST_PATH</c>; else just <c>dotnet</c>.
    /// </summary>
    public static string Path { get; } = Find();

    static string Find()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = System.IO.Path.Combine(root, name);
        if (File.Exists(host))
            return host;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } fromSdk && File.Exists(fromSdk) ? fromSdk : name;
    }
}
