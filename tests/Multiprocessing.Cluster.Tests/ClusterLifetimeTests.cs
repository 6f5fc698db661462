using System.Net;
using Course.Tests.Jupyter;
using Multiprocessing.Tests;

namespace Multiprocessing.Cluster.Tests;

/// <summary>Silo processes and their ports: started on loopback only, gone after dispose, a failed start explained.</summary>
public class ClusterLifetimeTests
{
    static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SilosListenOnLoopbackOnlyAndLeaveNoProcessOrPortAfterDispose()
    {
        var cluster = await LocalCluster.StartAsync(silos: 2).WaitAsync(StartBound);
        int[] pids;
        int[] ports;
        try
        {
            pids = cluster.Silos.Select(s => s.Pid).ToArray();
            ports = cluster.Silos.SelectMany(s => new[] { s.SiloEndpoint.Port, s.GatewayEndpoint.Port }).ToArray();
            Assert.Superset(pids.ToHashSet(), ProcessTree.Of(Environment.ProcessId).ToHashSet()); // children of this process

            // Every listener of this process and its silos, read from /proc/net/tcp and tcp6 as ss -ltnp does.
            var listeners = ListeningSockets.Tcp(ProcessTree.Of(Environment.ProcessId));
            var silosListeners = listeners.Where(l => pids.Contains(l.Pid)).ToArray();
            Assert.Equal(ports.Order(), silosListeners.Select(l => l.Port).Order());
            Assert.All(listeners, l => Assert.True(IPAddress.IsLoopback(l.Address), $"{l} listens beyond loopback."));
        }
        finally
        {
            await cluster.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.DoesNotContain(pids, ProcessTree.IsRunning);
        Assert.DoesNotContain(cluster.Silos, silo => silo.IsAlive);
        Assert.DoesNotContain(ListeningSockets.Tcp(ProcessTree.Of(Environment.ProcessId)), l => ports.Contains(l.Port));
    }

    [Fact]
    public async Task ASiloThatCannotBindItsPortFailsTheStartNamingThePortAndLeavesNothingRunning()
    {
        var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var before = ProcessTree.Of(Environment.ProcessId);
            var error = await Assert.ThrowsAsync<SiloStartException>(() => LocalCluster.StartAsync(silos: 1, firstPort: port).WaitAsync(StartBound));
            Assert.Contains(port.ToString(), error.Message);
            Assert.Contains("in use", error.Message);
            Assert.Equal(port, error.SiloPort);
            Assert.DoesNotContain(ProcessTree.Of(Environment.ProcessId).Except(before), ProcessTree.IsRunning);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task ArgumentsAreCheckedBeforeAnySiloStarts()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalCluster.StartAsync(silos: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalCluster.StartAsync(silos: 2, firstPort: 65534));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalCluster.StartAsync(callTimeout: TimeSpan.Zero));
    }
}
