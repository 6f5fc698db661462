namespace Multiprocessing.Cluster.Tests;

/// <summary>One two-silo cluster shared by the tests that do not kill or stop it.</summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(silos: 2).WaitAsync(TimeSpan.FromSeconds(90));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
