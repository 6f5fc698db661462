using System.Collections.Concurrent;
using System.Reflection;

namespace Multiprocessing.Hosting;

/// <summary>
/// Finds the file a child process loads an assembly from. Assemblies compiled in memory
/// (notebook cells, scripts) have no file; a host registers a locator that writes them to disk.
/// </summary>
public static class AssemblyLocator
{
    static readonly ConcurrentQueue<Func<Assembly, string?>> Locators = new();
    static readonly ConcurrentDictionary<string, string> Offered = new();

    /// <summary>
    /// Adds a locator for assemblies that have no <see cref="Assembly.Location"/>.
    /// It returns the path of a file holding the assembly, or null when it does not know the assembly.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="locator"/> is null.</exception>
    public static void Register(Func<Assembly, string?> locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        Locators.Enqueue(locator);
    }

    /// <summary>
    /// Offers a file that children may load <paramref name="assemblyName"/> from. A locator calls this for the
    /// in-memory assemblies its assembly depends on (earlier notebook cells), so a child can resolve them too.
    /// </summary>
    /// <exception cref="ArgumentException">Throws when <paramref name="assemblyName"/> or <paramref name="path"/> is null or empty.</exception>
    public static void Offer(string assemblyName, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyName);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Offered[assemblyName] = path;
    }

    /// <summary>The file holding <paramref name="assembly"/>, or null when no file can be found.</summary>
    public static string? Locate(Assembly assembly)
    {
        if (!assembly.IsDynamic && !string.IsNullOrEmpty(assembly.Location))
            return assembly.Location;
        foreach (var locate in Locators)
            if (locate(assembly) is { } path)
            {
                Offer(assembly.GetName().Name!, path);
                return path;
            }
        return null;
    }

    /// <summary>The files offered so far for in-memory assemblies, by assembly name; a function carries them to its worker.</summary>
    internal static IReadOnlyDictionary<string, string> OfferedFiles() => new Dictionary<string, string>(Offered);

    /// <summary>
    /// Every loaded assembly that a child may need to resolve, by simple name. Children look here first,
    /// so they load the same files the parent did (helpers, NuGet packages, and cells a locator has written).
    /// In-memory assemblies are not written here: that is done once per function, by <see cref="Locate"/>.
    /// </summary>
    internal static Dictionary<string, string> LoadedAssemblyPaths()
    {
        var paths = new Dictionary<string, string>();
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || Path.GetDirectoryName(assembly.Location) == frameworkDir)
                continue; // the child's runtime has its own copy of the framework
            paths.TryAdd(assembly.GetName().Name!, assembly.Location);
        }
        foreach (var (name, path) in Offered)
            paths.TryAdd(name, path);
        return paths;
    }
}
