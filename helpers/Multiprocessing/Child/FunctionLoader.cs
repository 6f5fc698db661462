using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Multiprocessing.Wire;

namespace Multiprocessing.Child;

/// <summary>
/// The child side of <see cref="FunctionReference"/>: loads the assembly, finds the method,
/// and resolves the assemblies it depends on from the paths the parent had loaded.
/// </summary>
internal static class FunctionLoader
{
    static readonly ConcurrentDictionary<string, string> KnownPaths = new();
    static int _hooked;

    /// <summary>Lets the child resolve dependencies from the parent's loaded assemblies and the function's own folder.</summary>
    public static void UseParentAssemblies(IReadOnlyDictionary<string, string> pathsByName)
    {
        foreach (var (name, path) in pathsByName)
            KnownPaths.TryAdd(name, path);
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
            AssemblyLoadContext.Default.Resolving += Resolve;
    }

    static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null)
            return null;
        if (KnownPaths.TryGetValue(name.Name, out var path) && File.Exists(path))
            return context.LoadFromAssemblyPath(path);
        foreach (var known in KnownPaths.Values.Select(Path.GetDirectoryName).Distinct())
        {
            var candidate = Path.Combine(known!, name.Name + ".dll");
            if (File.Exists(candidate))
                return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }

    /// <summary>Loads the method and, for a captureless lambda, the singleton it is called on.</summary>
    public static (MethodInfo Method, object? Target) Load(FunctionReference reference)
    {
        if (reference.Dependencies.Count > 0)
            UseParentAssemblies(reference.Dependencies);
        var assembly = LoadAssembly(reference.AssemblyPath);
        var method = assembly.ManifestModule.ResolveMethod(reference.MetadataToken) as MethodInfo
            ?? throw new InvalidOperationException($"{reference.DisplayName} was not found in {reference.AssemblyPath}.");
        if (reference.GenericArguments.Length > 0)
            method = method.MakeGenericMethod(reference.GenericArguments
                .Select(n => Type.GetType(n, throwOnError: true)!).ToArray());
        object? target = null;
        if (reference.NeedsLambdaInstance)
            target = method.DeclaringType!.GetField("<>9", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
        return (method, target);
    }

    /// <summary>
    /// Loads the file, unless an assembly of that name is already loaded (this library itself, say).
    /// Loading by path is the fast way: resolving by name first costs a fresh process tens of milliseconds.
    /// </summary>
    static Assembly LoadAssembly(string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileNameWithoutExtension(full);
        foreach (var loaded in AssemblyLoadContext.Default.Assemblies)
            if (!loaded.IsDynamic && (loaded.Location == full || SimpleName(loaded) == name))
                return loaded;
        KnownPaths.TryAdd(name, full);
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
    }

    /// <summary>The simple name, read from the cached full name: cheaper than building an AssemblyName.</summary>
    static string SimpleName(Assembly assembly) => assembly.FullName?.Split(',')[0] ?? "";
}
