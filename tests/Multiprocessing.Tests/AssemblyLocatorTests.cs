using System.Reflection;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// Functions from assemblies that exist only in memory (as notebook cells do) run once a locator
/// tells where a file with the same assembly is. An assembly loaded from bytes stands in for a cell here.
/// </summary>
public class AssemblyLocatorTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void AFunctionFromAnInMemoryAssemblyIsRefusedUntilALocatorWritesItToDisk()
    {
        var onDisk = typeof(Targets).Assembly.Location;
        var inMemory = Assembly.Load(File.ReadAllBytes(onDisk));
        Assert.Equal("", inMemory.Location);
        var square = inMemory.GetType(typeof(Targets).FullName!)!.GetMethod(nameof(Targets.Square))!.CreateDelegate<Func<int, int>>();
        using var pool = new ProcessPool(1);

        var refused = Assert.Throws<ArgumentException>(() => pool.ApplyAsync(square, 3));
        Assert.Contains("in-memory assembly", refused.Message);
        Assert.Contains("AssemblyLocator.Register", refused.Message);

        AssemblyLocator.Register(assembly => assembly == inMemory ? onDisk : null);
        Assert.Equal([1, 4, 9], pool.MapAsync(square, [1, 2, 3]).Get(Bound));
    }
}
