using System.Collections.Concurrent;
using System.Reflection;

namespace Multiprocessing.Functions;

/// <summary>
/// Finds the file a child process loads an assembly from. Assemblies compiled in memory
/// (notebook cells, scripts) have no file; a host registers a locator that writes them to disk.
/// </summary>
public static class AssemblyLocator
{
    static readonly ConcurrentQueue<Func<Assembly, string?>> Locators = new();

    /// <summary>
    /// Adds a locator for assemblies that have no <see cref="Assembly.Location"/>.
    /// It returns the path of a file holding the assembly, or null when it does not know the assembly.
    /// </summary>
    public static void Register(Func<Assembly, string?> locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        Locators.Enqueue(locator);
    }

    /// <summary>The file holding <paramref name="assembly"/>, or null when no file can be found.</summary>
    public static string? Locate(Assembly assembly)
    {
        if (!assembly.IsDynamic && !string.IsNullOrEmpty(assembly.Location))
            return assembly.Location;
        foreach (var locate in Locators)
            if (locate(assembly) is { } path)
                return path;
        return null;
    }

    /// <summary>
    /// Every loaded assembly that a child may need to resolve, by simple name. Children look here first,
    /// so they load the same files the parent did (helpers, NuGet packages, and cells written by a locator,
    /// which may call functions of earlier cells).
    /// </summary>
    internal static Dictionary<string, string> LoadedAssemblyPaths()
    {
        var paths = new Dictionary<string, string>();
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        // Files on disk first: a name loaded both ways resolves to the real file.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().OrderBy(a => a.IsDynamic || string.IsNullOrEmpty(a.Location)))
        {
            if (assembly.IsDynamic)
                continue;
            var path = string.IsNullOrEmpty(assembly.Location)
                ? (Locators.IsEmpty ? null : Locate(assembly))
                : assembly.Location;
            if (path is null || Path.GetDirectoryName(path) == frameworkDir)
                continue; // the child's runtime has its own copy of the framework
            paths.TryAdd(assembly.GetName().Name!, path);
        }
        return paths;
    }
}
