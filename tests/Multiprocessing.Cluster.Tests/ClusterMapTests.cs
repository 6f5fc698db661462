using System.Reflection;
using System.Text;
using Multiprocessing.Cluster.Wire;
using Multiprocessing.Hosting;

namespace Multiprocessing.Cluster.Tests;

/// <summary>Maps and applies on a real two-silo cluster on loopback.</summary>
public class ClusterMapTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    ClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task AMapOfAStaticFunctionReturnsTheResultsInOrder()
    {
        var squares = await Client.MapAsync(ClusterTargets.Square, Enumerable.Range(0, 100)).WaitAsync(Bounded.Call);
        Assert.Equal(Enumerable.Range(0, 100).Select(x => x * x), squares);
        Assert.Equal(400, await Client.ApplyAsync(ClusterTargets.Square, 20).WaitAsync(Bounded.Call));
        Assert.Equal([1, 4], Client.Map(ClusterTargets.Square, [1, 2]));
    }

    [Fact]
    public async Task RecordsAndCapturelessLambdasTravelAsThePoolsDo()
    {
        Assert.Equal(["HI!!", "YO"], await Client.MapAsync(ClusterTargets.Shout, [new Word("hi", 2), new Word("yo", 0)]).WaitAsync(Bounded.Call));
        Assert.Equal([3, 5], await Client.MapAsync((int x) => x + 2, [1, 3]).WaitAsync(Bounded.Call));
    }

    [Fact]
    public async Task OrleansSpreadsCallsOverBothSilosAndTheTimelineNamesEachCallsSilo()
    {
        var silos = fixture.Cluster.Silos.Select(s => s.Pid).ToHashSet();
        // Right after the start, the client's first calls can all go through one gateway: ask until both have answered.
        await Bounded.Until(() => Client.Map(ClusterTargets.Pid, Enumerable.Range(0, 64), chunksize: 1).ToHashSet().SetEquals(silos),
            TimeSpan.FromSeconds(30), "calls reaching both silos");
        Assert.Superset(silos, Client.Timeline.Select(run => run.Worker).ToHashSet());
    }

    [Fact]
    public async Task AFunctionFromAnAssemblyLoadedFromBytesRunsInASiloFromItsShippedImage()
    {
        // A notebook cell's assembly exists only in memory; the glue writes it to a file its front end names, and the
        // cluster ships that file's bytes. An assembly loaded from bytes stands in for a cell here.
        var onDisk = typeof(ClusterTargets).Assembly.Location;
        var inMemory = Assembly.Load(File.ReadAllBytes(onDisk));
        Assert.Equal("", inMemory.Location);
        var cellFile = ProcessFiles.WriteTempFile("cell", ".dll", File.ReadAllBytes(onDisk));
        try
        {
            using var frontEnd = FrontEnd.Use(new CellLocator(inMemory, cellFile));
            var square = inMemory.GetType(typeof(ClusterTargets).FullName!)!.GetMethod(nameof(ClusterTargets.Square))!.CreateDelegate<Func<int, int>>();

            var (_, definition) = FunctionDefinition.Of(square);
            Assert.DoesNotContain(cellFile, Encoding.UTF8.GetString(definition)); // an image travels, not a path
            Assert.Equal([1, 4, 9], await Client.MapAsync(square, [1, 2, 3]).WaitAsync(Bounded.Call));
        }
        finally
        {
            File.Delete(cellFile);
        }
    }

    [Fact]
    public async Task AnErrorInAFunctionIsRaisedAgainWithTheSilosStackTrace()
    {
        var error = await Assert.ThrowsAsync<RemoteException>(() => Client.MapAsync(ClusterTargets.Fail, [7]).WaitAsync(Bounded.Call));
        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Contains("item 7 failed on purpose", error.Message);
        Assert.Contains(nameof(ClusterTargets.Fail), error.RemoteStackTrace);
        Assert.Contains(error.Pid!.Value, fixture.Cluster.Silos.Select(s => s.Pid));
        Assert.Equal([4], await Client.MapAsync(ClusterTargets.Square, [2]).WaitAsync(Bounded.Call)); // still usable
    }

    [Fact]
    public async Task ACapturingLambdaIsRefusedBeforeAnythingIsSent()
    {
        int factor = 3;
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Client.MapAsync((int x) => x * factor, [1]));
        Assert.Contains("captures factor", refused.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.MapAsync(ClusterTargets.Square, [1], chunksize: 0));
    }
}
