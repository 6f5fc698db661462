using System.Reflection;

namespace Multiprocessing.Platform;

/// <summary>
/// A single-file app (published with <c>-p:PublishSingleFile=true</c>) keeps its assemblies inside its executable, where
/// <see cref="Assembly.Location"/> is empty: the worker program (<c>Multiprocessing.dll</c>), the silo program and the
/// app's own functions have no file a child process could load. The library cannot take over such an app's executable
/// as its worker either, since the app's code runs before the library's. So a pool, a child and a cluster are refused
/// at creation, with the way out: publish without <c>PublishSingleFile</c>, or add
/// <c>-p:IncludeAllContentForSelfExtract=true</c>, which extracts the assemblies to disk when the app starts (to
/// <c>DOTNET_BUNDLE_EXTRACT_BASE_DIR</c>, by default a folder under the home folder), where children can load them.
/// </summary>
internal static class SingleFileApp
{
    /// <summary>The file of <paramref name="program"/>, a program of the library's that children run.</summary>
    /// <exception cref="NotSupportedException">Throws in a single-file app whose assemblies stay in its executable.</exception>
    public static string ProgramFile(Assembly program) =>
        program.Location is { Length: > 0 } path ? path : throw Refusal($"{program.GetName().Name}.dll, the program a child process runs,");

    /// <summary>
    /// True for an assembly that has no file because it is inside a single-file app's executable (the app's entry assembly
    /// has none either); not for one compiled in memory (a notebook cell), which a locator may write out.
    /// </summary>
    public static bool IsBundled(Assembly assembly) =>
        !assembly.IsDynamic && string.IsNullOrEmpty(assembly.Location) && Assembly.GetEntryAssembly() is { Location.Length: 0, IsDynamic: false };

    /// <summary>The refusal, naming single-file publishing and the way out.</summary>
    /// <param name="what">What has no file, as the subject of "lives inside …".</param>
    public static NotSupportedException Refusal(string what) => new(
        $"This app is published as a single file (PublishSingleFile), so {what} lives inside its executable, where a child " +
        "process cannot load it. Publish without -p:PublishSingleFile=true, or add -p:IncludeAllContentForSelfExtract=true " +
        "so that the app extracts its assemblies to disk when it starts.");
}
