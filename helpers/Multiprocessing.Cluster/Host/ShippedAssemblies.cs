using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Multiprocessing.Cluster.Wire;

namespace Multiprocessing.Cluster.Host;

/// <summary>
/// Loads a shipped function's assemblies from their images, in a load context of their own: two notebook cells
/// compiled twice under one name, or two clients' versions of one project, then never clash in a silo.
/// Names it was not shipped resolve from the silo's own folder, and last from the client's paths when they exist here.
/// </summary>
internal sealed class ShippedAssemblies : AssemblyLoadContext
{
    static readonly ConcurrentDictionary<Guid, ShippedAssemblies> ByMainAssembly = new();
    readonly Dictionary<string, byte[]> _images;

    ShippedAssemblies(FunctionDefinition definition) : base($"shipped {definition.Assemblies[0].Name}")
    {
        _images = definition.Assemblies.Where(a => a.Image is not null).ToDictionary(a => a.Name, a => a.Image!);
        var hints = definition.Hints;
        // Runs only after Load and the silo's own folder found nothing.
        Resolving += (context, name) =>
            name.Name is { } simple && hints.TryGetValue(simple, out var path) && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }

    protected override Assembly? Load(AssemblyName name) =>
        name.Name is { } simple && _images.TryGetValue(simple, out var image) ? LoadFromStream(new MemoryStream(image)) : null;

    /// <summary>The function's method, and for a captureless lambda the singleton it is called on.</summary>
    public static (MethodInfo Method, object? Target) LoadFunction(FunctionDefinition definition)
    {
        var reference = definition.Function;
        var main = definition.Assemblies[0];
        // The silo's own copy when it is the very same build (the helpers, the framework): no second copy of their types.
        AssemblyLoadContext context = Default;
        var assembly = Default.Assemblies.FirstOrDefault(a => !a.IsDynamic && a.GetName().Name == main.Name && a.ManifestModule.ModuleVersionId == main.Mvid);
        if (assembly is null)
        {
            if (main.Image is null)
                throw new FileNotFoundException(
                    $"This silo's runtime has no {main.Name} of the build {reference.DisplayName} comes from. Run the silo on the same .NET version as the client.");
            context = ByMainAssembly.GetOrAdd(main.Mvid, _ => new ShippedAssemblies(definition));
            assembly = context.LoadFromAssemblyName(new AssemblyName(main.Name));
        }
        var method = assembly.ManifestModule.ResolveMethod(reference.MetadataToken) as MethodInfo
            ?? throw new InvalidOperationException($"{reference.DisplayName} was not found in the shipped {main.Name}.");
        if (reference.GenericArguments.Length > 0)
        {
            using var scope = context.EnterContextualReflection(); // type names may point into the shipped assemblies
            method = method.MakeGenericMethod(reference.GenericArguments.Select(n => Type.GetType(n, throwOnError: true)!).ToArray());
        }
        object? target = reference.NeedsLambdaInstance
            ? method.DeclaringType!.GetField("<>9", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)
            : null;
        return (method, target);
    }
}
