using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;

[assembly: MetadataUpdateHandler(typeof(Multiprocessing.Platform.HotReloadedAssemblies))]

namespace Multiprocessing.Platform;

/// <summary>
/// The assemblies hot reload (dotnet watch, Visual Studio, Rider) has changed in this process. An edit lives only in this
/// process's memory: a child loads the assembly from disk, as it was built, and would run the old code without a word.
/// So a function from a changed assembly is refused (<see cref="Wire.FunctionReference.From"/>) until the app restarts.
/// </summary>
internal static class HotReloadedAssemblies
{
    static readonly ConcurrentDictionary<Assembly, bool> Changed = new();
    static volatile bool _unknownChange;

    /// <summary>Called by the runtime after each hot reload update, with the types it changed (null when it cannot tell).</summary>
    internal static void UpdateApplication(Type[]? updatedTypes)
    {
        if (updatedTypes is null)
            _unknownChange = true;
        else
            foreach (var type in updatedTypes)
                Changed[type.Assembly] = true;
    }

    /// <summary>True when hot reload may have changed <paramref name="assembly"/> since it was loaded from disk.</summary>
    public static bool Contains(Assembly assembly) =>
        Changed.ContainsKey(assembly) || (_unknownChange && !assembly.IsDynamic && !IsFramework(assembly));

    static bool IsFramework(Assembly assembly) =>
        Path.GetDirectoryName(assembly.Location) == Path.GetDirectoryName(typeof(object).Assembly.Location);
}
