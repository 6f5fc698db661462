using Multiprocessing.Cluster.Host;
using Multiprocessing.Cluster.Parent;
using Multiprocessing.Platform;

namespace Multiprocessing.Cluster;

/// <summary>
/// An Orleans cluster for learning, on this machine: <c>silos</c> silo processes on 127.0.0.1, on free ports, with
/// localhost clustering, and a connected <see cref="Client"/>. The cluster's equivalent of <c>new ProcessPool(n)</c>:
/// its silos end with this process as a pool's workers do (when it disposes the cluster, exits, or is killed).
/// </summary>
/// <remarks>
/// <para>Across machines the code is the same except for clustering: a membership table every silo and client can
/// reach replaces localhost clustering, for example <c>silo.UseAdoNetClustering(o => { o.Invariant = "Npgsql";
/// o.ConnectionString = "..."; })</c> (package Microsoft.Orleans.Clustering.AdoNet), or Redis or Azure Table storage;
/// silos listen on their machine's address (<c>silo.ConfigureEndpoints(siloPort: 11111, gatewayPort: 30000)</c>).</para>
/// <para>Security: a silo runs any function a client ships it. These silos listen on loopback only. A real cluster that
/// accepts shipped code must be on an isolated network, and should use Orleans's TLS (package
/// Microsoft.Orleans.Connections.Security: <c>silo.UseTls(certificate, o => o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate)</c>
/// and <c>client.UseTls(...)</c>), so that only holders of the certificates can join or call.</para>
/// </remarks>
public sealed class LocalCluster : IAsyncDisposable, IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    readonly Silo[] _silos;
    int _disposed;

    LocalCluster(Silo[] silos, string clusterId)
    {
        _silos = silos;
        ClusterId = clusterId;
    }

    /// <summary>The silos, by index; silo 0 holds the membership table.</summary>
    public IReadOnlyList<Silo> Silos => _silos;

    /// <summary>The client connected to every silo's gateway when the cluster started.</summary>
    public ClusterClient Client { get; private set; } = null!;

    /// <summary>The cluster's id: unique to this cluster, so two clusters on one machine never join each other.</summary>
    public string ClusterId { get; }

    /// <summary>
    /// Starts <paramref name="silos"/> silo processes (silo 0 first, the others together once it is ready) and connects
    /// <see cref="Client"/>. Equivalent of <c>new ProcessPool(silos)</c> for a cluster; it takes a few seconds.
    /// </summary>
    /// <param name="silos">How many silo processes, 1 or more.</param>
    /// <param name="firstPort">Silo i listens on ports firstPort + 2i (silo) and firstPort + 2i + 1 (gateway); free ports when null.</param>
    /// <param name="callTimeout">How long one call may take before it fails; <see cref="ClusterClient.DefaultCallTimeout"/> when null.</param>
    /// <param name="cancel">Cancels the start; what was started is stopped.</param>
    /// <returns>The running cluster; dispose it to stop its silos.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="silos"/> is below 1, or the ports fall outside 1–65535.</exception>
    /// <exception cref="SiloStartException">Throws when a silo could not start or was not ready within 60 s, naming its ports and the cause; no silo is left running.</exception>
    /// <exception cref="NotSupportedException">Throws in an app published as a single file, naming the way out: a silo has no program file to run.</exception>
    /// <remarks>The silos take this thread's current culture and UI culture, and this process's runtime properties (its globalization mode and AppContext switches).</remarks>
    public static async Task<LocalCluster> StartAsync(int silos = 2, int? firstPort = null, TimeSpan? callTimeout = null, CancellationToken cancel = default)
    {
        _ = SiloLauncher.Program; // a single-file app is refused here, before anything starts
        if (silos < 1)
            throw new ArgumentOutOfRangeException(nameof(silos), silos, "A cluster needs at least 1 silo.");
        if (firstPort is { } first && (first < 1 || first + 2 * silos - 1 > 65535))
            throw new ArgumentOutOfRangeException(nameof(firstPort), firstPort, $"{silos} silos need ports firstPort to firstPort + {2 * silos - 1}, within 1–65535.");
        if (callTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(callTimeout), callTimeout, "A call timeout must be positive, such as TimeSpan.FromSeconds(30).");

        var ports = firstPort is { } start ? Enumerable.Range(start, 2 * silos).ToArray() : FreePorts.Take(2 * silos);
        var clusterId = $"multiprocessing-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
        var arguments = Enumerable.Range(0, silos)
            .Select(i => new SiloArguments(i, ports[2 * i], ports[2 * i + 1], i == 0 ? null : ports[0], clusterId, Environment.ProcessId))
            .ToArray();

        var culture = ParentCulture.Capture();
        var started = new List<Task<Silo>>();
        try
        {
            started.Add(Silo.StartAsync(arguments[0], culture, StartLimit, cancel));
            await started[0];
            started.AddRange(arguments.Skip(1).Select(a => Silo.StartAsync(a, culture, StartLimit, cancel)));
            await Task.WhenAll(started);
            var cluster = new LocalCluster(started.Select(t => t.Result).ToArray(), clusterId);
            try
            {
                cluster.Client = await ClusterClient.ConnectAsync(
                    cluster._silos.Select(s => s.GatewayEndpoint).ToArray(), clusterId, callTimeout, cluster.DescribeLostSilos, cancel);
                await cluster.UntilEverySiloAnswersAsync(cancel);
            }
            catch
            {
                await cluster.StopSilosAsync();
                throw;
            }
            return cluster;
        }
        catch
        {
            // Wait for every start to settle, then stop those that did start: no silo outlives a failed start.
            try { await Task.WhenAll(started); } catch { }
            foreach (var silo in started.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result))
            {
                await silo.KillAsync();
                silo.Release();
            }
            throw;
        }
    }

    /// <summary>
    /// Right after the start, the client's first calls can all go through one gateway, so a map would run on one silo:
    /// small calls are sent until every silo has answered one (at most 30 s), and the cluster is returned only then.
    /// </summary>
    /// <exception cref="TimeoutException">Throws when a silo answered no call within 30 s.</exception>
    async Task UntilEverySiloAnswersAsync(CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var missing = _silos.Select(s => s.Pid).ToHashSet();
        while (true)
        {
            missing.ExceptWith(await Client.MapAsync(SiloPid, Enumerable.Range(0, 64), chunksize: 1, cancel));
            if (missing.Count == 0)
                return;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"Silo process(es) {string.Join(", ", missing)} answered no call within 30 s of the cluster's start; the client reaches only the others. Check the silos' output above for errors.");
        }
    }

    static int SiloPid(int _) => Environment.ProcessId;

    /// <summary>
    /// Kills silo <paramref name="index"/>'s process (SIGKILL), as a crash or a pulled plug would, and waits for it to end.
    /// The calls it held fail with <see cref="SiloLostException"/>; later calls go to the other silos.
    /// </summary>
    /// <param name="index">The silo's index, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when there is no silo <paramref name="index"/>.</exception>
    /// <exception cref="ArgumentException">Throws for silo 0, the membership table's holder: with localhost clustering the cluster cannot outlive it. A real cluster keeps the table in a database, so any silo may die.</exception>
    /// <exception cref="ObjectDisposedException">Throws after <see cref="Dispose"/>.</exception>
    public void KillSilo(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (index < 0 || index >= _silos.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"This cluster has silos 0 to {_silos.Length - 1}.");
        if (index == 0)
            throw new ArgumentException(
                "Silo 0 holds localhost clustering's membership table, so the cluster cannot outlive it. Kill another silo; " +
                "a real cluster keeps the table in a database, so any of its silos may die.", nameof(index));
        _silos[index].KillAsync().GetAwaiter().GetResult();
    }

    string DescribeLostSilos()
    {
        var dead = _silos.Where(s => !s.IsAlive).ToArray();
        return dead.Length == 0 ? "" : string.Join(", ", dead.Select(s => s.ToString())) + (dead.Length == 1 ? " has exited" : " have exited");
    }

    async Task StopSilosAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.KillAsync()));
        foreach (var silo in _silos)
            silo.Release();
    }

    /// <summary>Disconnects the client and kills every silo process, waiting for them to end (at most about 15 s in all).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        // Silos first: a client whose gateways vanish stops at once, while one stopping first would say goodbye to each.
        await StopSilosAsync();
        if (Client is not null)
            await Client.DisposeAsync();
    }

    /// <summary>Stops the cluster, as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
