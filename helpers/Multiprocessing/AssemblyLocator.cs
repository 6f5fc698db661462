using System.Collections.Concurrent;
using System.Reflection;

namespace Multiprocessing.Hosting;

/// <summary>
/// Finds the file a child process loads an assembly from. Assemblies compiled in memory
/// (notebook cells, scripts) have no file; the front end (<see cref="IFrontEnd.LocateAssembly"/>) writes them to disk.
/// </summary>
public static class AssemblyLocator
{
    static readonly ConcurrentDictionary<string, string> Offered = new();

    /// <summary>
    /// Offers a file that children may load <paramref name="assemblyName"/> from. A front end's <see cref="IFrontEnd.LocateAssembly"/> calls this for the
    /// in-memory assemblies an assembly depends on (earlier notebook cells), so a child can resolve them too.
    /// </summary>
    /// <param name="assemblyName">The assembly's simple name.</param>
    /// <param name="path">The file holding it.</param>
    /// <exception cref="ArgumentException">Throws when <paramref name="assemblyName"/> or <paramref name="path"/> is null or empty.</exception>
    public static void Offer(string assemblyName, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyName);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Offered[assemblyName] = path;
    }

    /// <summary>
    /// The file holding <paramref name="assembly"/>: its own, or for an assembly compiled in memory the one
    /// <see cref="FrontEnd.Current"/> finds, which is then offered to children.
    /// </summary>
    /// <param name="assembly">The assembly a child process has to load.</param>
    /// <returns>The path of the file, or null when no file can be found.</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="assembly"/> is null.</exception>
    public static string? Locate(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!assembly.IsDynamic && !string.IsNullOrEmpty(assembly.Location))
            return assembly.Location;
        if (FrontEnd.Current.LocateAssembly(assembly) is not { } path)
            return null;
        Offer(assembly.GetName().Name!, path);
        return path;
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
