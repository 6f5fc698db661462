using System.Collections.Concurrent;
using System.Reflection;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

[CollectionDefinition("Front end", DisableParallelization = true)]
public sealed class FrontEndCollection;

/// <summary>
/// A front end set with <see cref="FrontEnd.Use"/> is the one the library calls for worker output and for assemblies that
/// exist only in memory (as notebook cells do), until its handle is disposed. An assembly loaded from bytes stands in for
/// a cell here. Alone in its collection, since the front end is the process's.
/// </summary>
[Collection("Front end")]
public class FrontEndTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void WithoutAFrontEndTheConsolesIsUsed() =>
        Assert.Same(ConsoleFrontEnd.Default, FrontEnd.Current);

    [Fact]
    public void AFunctionFromAnInMemoryAssemblyIsRefusedUntilTheFrontEndWritesItToDisk()
    {
        var onDisk = typeof(Targets).Assembly.Location;
        var inMemory = Assembly.Load(File.ReadAllBytes(onDisk));
        Assert.Equal("", inMemory.Location);
        var square = inMemory.GetType(typeof(Targets).FullName!)!.GetMethod(nameof(Targets.Square))!.CreateDelegate<Func<int, int>>();
        using var pool = new ProcessPool(1);

        var refused = Assert.Throws<ArgumentException>(() => pool.ApplyAsync(square, 3));
        Assert.Contains("in-memory assembly", refused.Message);
        Assert.Contains("FrontEnd.Use", refused.Message);

        using (FrontEnd.Use(new InMemoryLocator(inMemory, onDisk)))
            Assert.Equal([1, 4, 9], pool.MapAsync(square, [1, 2, 3]).Get(Bound));

        Assert.Throws<ArgumentException>(() => pool.ApplyAsync(square, 3)); // its handle disposed, the console's is back
    }

    [Fact]
    public void TheFrontEndSetInOneCallWritesWorkerOutputAndLocatesAssembliesUntilItsHandleIsDisposed()
    {
        var onDisk = typeof(Targets).Assembly.Location;
        var inMemory = Assembly.Load(File.ReadAllBytes(onDisk));
        var square = inMemory.GetType(typeof(Targets).FullName!)!.GetMethod(nameof(Targets.Square))!.CreateDelegate<Func<int, int>>();
        var before = FrontEnd.Current;
        var recording = new RecordingFrontEnd(inMemory, onDisk);
        using var pool = new ProcessPool(1);

        var handle = FrontEnd.Use(recording);
        Assert.Same(recording, FrontEnd.Current);
        Assert.Equal(9, pool.Apply(Targets.PrintAndSquare, 3));
        Assert.Equal(16, pool.Apply(square, 4));
        Assert.True(SpinWait.SpinUntil(() => string.Concat(recording.Output).Contains("squaring 3\n"), Bound),
            $"worker output not written by the front end: [{string.Join("|", recording.Output)}]");
        Assert.Contains(inMemory, recording.Located);

        handle.Dispose();
        Assert.Same(before, FrontEnd.Current);
        handle.Dispose(); // a second disposal changes nothing
        Assert.Same(before, FrontEnd.Current);
        Assert.Throws<ArgumentNullException>(() => FrontEnd.Use(null!));
    }

    /// <summary>Records each duty the library asks of it; writes output nowhere else.</summary>
    sealed class RecordingFrontEnd(Assembly inMemory, string onDisk) : IFrontEnd
    {
        public ConcurrentQueue<string> Output { get; } = new();

        public ConcurrentQueue<Assembly> Located { get; } = new();

        public IProgressDisplay StartProgress(string status) => ConsoleFrontEnd.Default.StartProgress(status);

        public void WriteWorkerOutput(string text, bool isError, ExecutionContext? origin) => Output.Enqueue(text.Replace("\r\n", "\n"));

        public string? LocateAssembly(Assembly assembly)
        {
            Located.Enqueue(assembly);
            return assembly == inMemory ? onDisk : null;
        }
    }
}
