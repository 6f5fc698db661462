using System.Collections.Concurrent;
using System.Reflection;
using Multiprocessing.Child;
using Multiprocessing.Cluster.Wire;

namespace Multiprocessing.Cluster.Host;

/// <summary>The functions this silo has been shipped, by key, each loaded once into the process pool's typed runner.</summary>
internal static class ShippedFunctions
{
    static readonly ConcurrentDictionary<string, Lazy<FunctionRunner>> Runners = new();

    /// <summary>The runner for <paramref name="key"/>, loading <paramref name="definition"/> if needed; null when the silo must be sent it.</summary>
    public static FunctionRunner? Find(string key, byte[]? definition)
    {
        if (Runners.TryGetValue(key, out var known))
            return known.Value;
        if (definition is null)
            return null;
        return Runners.GetOrAdd(key, _ => new Lazy<FunctionRunner>(() => Load(definition))).Value;
    }

    /// <summary>A function that cannot load keeps failing with its own error, as in a pool's worker.</summary>
    static FunctionRunner Load(byte[] definition)
    {
        try
        {
            var (method, target) = ShippedAssemblies.LoadFunction(FunctionDefinition.Read(definition));
            return FunctionRunner.Create(method, target);
        }
        catch (Exception e)
        {
            return new FailingRunner(e is TargetInvocationException { InnerException: { } inner } ? inner : e);
        }
    }
}
