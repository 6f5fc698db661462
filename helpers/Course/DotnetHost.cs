using System.Runtime.InteropServices;

namespace Course;

/// <summary>The <c>dotnet</c> host of the runtime this tool runs on, by its full path.</summary>
internal static class DotnetHost
{
    /// <summary>The host's path: <c>{root}/dotnet</c>, where the runtime lives in <c>{root}/shared/Microsoft.NETCore.App/{version}/</c>.</summary>
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
