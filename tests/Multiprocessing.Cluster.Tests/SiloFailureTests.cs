using Course.Tests.Jupyter;
using Multiprocessing.Tests;

namespace Multiprocessing.Cluster.Tests;

/// <summary>
/// A silo killed mid-map: the calls it held fail within the call timeout (Orleans's client fails a call whose gateway
/// died only when its response times out), the others finish, and the cluster carries on.
/// </summary>
public class SiloFailureTests
{
    [Fact]
    public async Task ASiloKilledMidMapFailsTheMapWithSiloLostAndTheOtherSiloCarriesOn()
    {
        var callTimeout = TimeSpan.FromSeconds(5);
        await using var cluster = await LocalCluster.StartAsync(silos: 2, callTimeout: callTimeout).WaitAsync(TimeSpan.FromSeconds(90));
        using var gates = new GateFolder();
        var victim = cluster.Silos[1];
        var items = Enumerable.Range(0, 32).Select(i => $"{gates.Folder}|{i}").ToArray();
        // Right after the start, the client's first calls can all go through one gateway; wait until both silos answer.
        await Bounded.Until(() => cluster.Client.Map(ClusterTargets.Pid, Enumerable.Range(0, 64), chunksize: 1).Distinct().Count() == 2,
            TimeSpan.FromSeconds(30), "calls reaching both silos");

        var map = cluster.Client.MapAsync(ClusterTargets.Hold, items, chunksize: 1);
        await Bounded.Until(() => Directory.EnumerateFiles(gates.Folder, $"started-{victim.Pid}-*").Any(), TimeSpan.FromSeconds(30),
            "a call starting on silo 1");
        cluster.KillSilo(1);
        gates.Open("release");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lost = await Assert.ThrowsAsync<SiloLostException>(() => map.WaitAsync(callTimeout * 3));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, callTimeout * 2);
        Assert.Contains("silo 1", lost.Message);
        Assert.Contains("not retried", lost.Message);
        Assert.False(victim.IsAlive);
        Assert.False(ProcessTree.IsRunning(victim.Pid));
        // No call that reached a silo was sent again: every item started at most once, on one silo.
        var starts = Directory.EnumerateFiles(gates.Folder, "started-*").Select(f => Path.GetFileName(f).Split('-')[2]);
        Assert.All(starts.GroupBy(i => i), item => Assert.Single(item));

        // The cluster carries on: the next map runs on silo 0.
        var before = cluster.Client.Timeline.Count;
        var squares = await cluster.Client.MapAsync(ClusterTargets.Square, Enumerable.Range(0, 20), chunksize: 1).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 20).Select(x => x * x), squares);
        Assert.All(cluster.Client.Timeline.Skip(before), run => Assert.Equal(cluster.Silos[0].Pid, run.Worker));
    }

    [Fact]
    public void OnlyACallTheClientCouldNotSendIsSentAgain()
    {
        // The messages Orleans 10.4.2 gives: a gateway that could not be reached, and a silo lost after delivery.
        var notSent = (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, null,
            ["Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: Unable to connect to S127.0.0.1:35541:155045852, will retry after 449.0276ms"], null)!;
        Assert.True(ClusterClient.NeverSent(notSent));
        Assert.False(ClusterClient.NeverSent(new SiloUnavailableException("The target silo became unavailable for message: Request [...]")));
        Assert.False(ClusterClient.NeverSent(new SiloUnavailableException("Exception while sending message: ConnectionFailedException")));
    }

    [Fact]
    public async Task Silo0CannotBeKilledBecauseItHoldsTheMembershipTable()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 1).WaitAsync(TimeSpan.FromSeconds(90));
        var refused = Assert.Throws<ArgumentException>(() => cluster.KillSilo(0));
        Assert.Contains("membership table", refused.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.KillSilo(1));
    }
}
