using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multiprocessing.Cluster.Grains;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Cluster.Wire;
using Multiprocessing.Wire;
using Orleans.Configuration;

namespace Multiprocessing.Cluster;

/// <summary>
/// A connection to an Orleans cluster that runs functions as a process pool does, with the pool's names:
/// <see cref="MapAsync{T, TResult}"/>, <see cref="Map{T, TResult}"/>, <see cref="ApplyAsync{T, TResult}"/>.
/// The function travels as the pool's does (a static method or a captureless lambda, arguments and results as JSON),
/// with its assembly's image, so a silo on another machine can load a notebook cell's function too.
/// Orleans, not this client, chooses the silo for each call: calls go to stateless worker grains whose keys Orleans
/// maps to gateways; Orleans allows one activation per core for each key, so a silo runs many calls at once.
/// </summary>
public sealed class ClusterClient : IAsyncDisposable, IDisposable
{
    /// <summary>How long a call may take before it fails, unless the cluster was given another bound: Orleans's default response timeout.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    const int Keys = 64; // grain keys to spread calls over; Orleans maps each key to a gateway, evenly
    const int MaxAttempts = 10; // for calls Orleans rejected before delivering them

    readonly IHost _host;
    readonly IClusterClient _orleans;
    readonly int _gateways;
    readonly Func<string> _describeLostSilos;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly BoundedTimeline _timeline = new();
    int _nextKey;
    int _disposed;

    ClusterClient(IHost host, int gateways, TimeSpan callTimeout, Func<string> describeLostSilos)
    {
        _host = host;
        _orleans = host.Services.GetRequiredService<IClusterClient>();
        _gateways = gateways;
        CallTimeout = callTimeout;
        _describeLostSilos = describeLostSilos;
    }

    /// <summary>How long one call (one chunk of a map) may take before it fails with <see cref="SiloLostException"/>.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>
    /// Connects to a running cluster through its gateways, as a client on another machine would: Orleans's static
    /// gateway list. A <see cref="LocalCluster"/> connects its own <see cref="LocalCluster.Client"/>; this is for silos started elsewhere.
    /// </summary>
    /// <param name="gateways">The silos' gateway endpoints.</param>
    /// <param name="clusterId">The cluster's id, as its silos were configured.</param>
    /// <param name="callTimeout">How long one call may take; <see cref="DefaultCallTimeout"/> when null.</param>
    /// <param name="cancel">Cancels connecting.</param>
    /// <exception cref="ArgumentException">Throws when <paramref name="gateways"/> is empty or <paramref name="clusterId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="callTimeout"/> is not positive.</exception>
    /// <exception cref="TimeoutException">Throws when no gateway answered within 30 s.</exception>
    public static Task<ClusterClient> ConnectAsync(IReadOnlyList<IPEndPoint> gateways, string clusterId, TimeSpan? callTimeout = null, CancellationToken cancel = default) =>
        ConnectAsync(gateways, clusterId, callTimeout, () => "", cancel);

    internal static async Task<ClusterClient> ConnectAsync(
        IReadOnlyList<IPEndPoint> gateways, string clusterId, TimeSpan? callTimeout, Func<string> describeLostSilos, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        if (gateways.Count == 0)
            throw new ArgumentException("A client needs at least one gateway endpoint to connect to. Pass the silos' gateway endpoints.", nameof(gateways));
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var timeout = callTimeout ?? DefaultCallTimeout;
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(callTimeout), callTimeout, "A call timeout must be positive, such as TimeSpan.FromSeconds(30).");

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways.ToArray());
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = SiloHost.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(options =>
            {
                options.ResponseTimeout = timeout;
                options.MaxMessageBodySize = CallLimits.MessageBody; // the silos' too (SiloHost)
            });
        });
        var host = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await host.StartAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            host.Dispose();
            throw new TimeoutException(
                $"No gateway of cluster '{clusterId}' answered within 30 s at {string.Join(", ", gateways)}. Check that its silos run and that the cluster id matches.");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ClusterClient(host, gateways.Count, timeout, describeLostSilos);
    }

    /// <summary>
    /// Equivalent of the process pool's <c>MapAsync(function, items).Get()</c>, awaited: <c>[function(x) for x in items]</c>,
    /// in order, computed on the cluster's silos. Items go in chunks of <paramref name="chunksize"/> items per call.
    /// A call that raises fails the map with that error. A call held by a silo that dies fails the map with
    /// <see cref="SiloLostException"/> when its <see cref="CallTimeout"/> runs out (Orleans's client does not fail calls
    /// when a gateway's connection closes), and is not retried: Orleans delivers a call at most once, so the function may
    /// already have run, in part or in full, and running it again could do its work twice. A call Orleans rejected
    /// before sending it (its gateway could not be reached) never ran, so it is sent again (at most 10 times, within the call
    /// timeout). Calls held by other silos finish.
    /// </summary>
    /// <param name="function">A static method or a lambda that captures nothing.</param>
    /// <param name="items">The arguments, one call of <paramref name="function"/> each.</param>
    /// <param name="chunksize">Items per call; by default about four calls per core of the cluster, as the pool's rule gives.</param>
    /// <param name="cancel">Stops sending calls; calls already sent run to their end.</param>
    /// <returns>One result per item, in the items' order.</returns>
    /// <exception cref="ArgumentException">Throws, before anything is sent, for a function or a type the pool cannot send either: a capturing lambda, an instance method, a type JSON cannot carry; and, before its chunk is sent, for an argument past the pool's 256 MiB limit of one message.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    /// <exception cref="RemoteException">Throws the first error a call raised in its silo, with the remote stack trace; also for results past the pool's 256 MiB limit.</exception>
    /// <exception cref="SiloLostException">Throws when a silo died, or did not answer within <see cref="CallTimeout"/>, while it held a call.</exception>
    /// <exception cref="ObjectDisposedException">Throws after <see cref="Dispose"/>.</exception>
    public async Task<List<TResult>> MapAsync<T, TResult>(Func<T, TResult> function, IEnumerable<T> items, int? chunksize = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        if (chunksize is { } given)
            PoolRules.CheckChunksize(given);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var (key, definition) = Check(function, typeof(T), typeof(TResult));
        var parameters = function.Method.GetParameters();

        var all = items as IReadOnlyList<T> ?? items.ToArray();
        var results = new TResult[all.Count];
        int size = chunksize ?? DefaultChunksize(all.Count);
        var chunks = Enumerable.Range(0, (all.Count + size - 1) / size).Select(c => (Start: c * size, Count: Math.Min(size, all.Count - c * size)));
        var window = new ParallelOptions { MaxDegreeOfParallelism = _gateways * Environment.ProcessorCount * 8, CancellationToken = cancel };
        await Parallel.ForEachAsync(chunks, window, async (chunk, _) =>
        {
            var payload = Json.Write(json => ArgumentLists.Write(json, all, chunk.Start, chunk.Count, parameters, ArgumentLists.WriteOne));
            var reply = await CallAsync(key, definition, payload, chunk.Count);
            ResultMessage.ReadValues(reply.Payload, results.AsSpan(chunk.Start, chunk.Count));
        });
        return [.. results];
    }

    /// <summary>Equivalent of the process pool's <c>Map(function, items)</c>: <see cref="MapAsync{T, TResult}"/>, waited for.</summary>
    /// <inheritdoc cref="MapAsync{T, TResult}"/>
    public List<TResult> Map<T, TResult>(Func<T, TResult> function, IEnumerable<T> items, int? chunksize = null) =>
        MapAsync(function, items, chunksize).GetAwaiter().GetResult();

    /// <summary>Equivalent of the process pool's <c>ApplyAsync(function, argument).Get()</c>, awaited: <c>function(argument)</c>, run on a silo.</summary>
    /// <param name="function">A static method or a lambda that captures nothing.</param>
    /// <param name="argument">Its argument, sent as JSON.</param>
    /// <returns>The function's result.</returns>
    /// <exception cref="ArgumentException">Throws, before anything is sent, for a function or a type the pool cannot send either, or an argument past the pool's 256 MiB limit of one message.</exception>
    /// <exception cref="RemoteException">Throws the error the call raised in its silo, with the remote stack trace.</exception>
    /// <exception cref="SiloLostException">Throws when the silo died, or did not answer within <see cref="CallTimeout"/>, while it held the call.</exception>
    /// <exception cref="ObjectDisposedException">Throws after <see cref="Dispose"/>.</exception>
    public async Task<TResult> ApplyAsync<T, TResult>(Func<T, TResult> function, T argument) =>
        (await MapAsync(function, [argument], chunksize: 1))[0];

    /// <summary>Equivalent of the process pool's <c>Apply(function, argument)</c>: <see cref="ApplyAsync{T, TResult}"/>, waited for.</summary>
    /// <inheritdoc cref="ApplyAsync{T, TResult}"/>
    public TResult Apply<T, TResult>(Func<T, TResult> function, T argument) =>
        ApplyAsync(function, argument).GetAwaiter().GetResult();

    /// <summary>
    /// Every call this client made, as the pool's <see cref="WorkerPool.Timeline"/> records tasks: <see cref="TaskRun.Worker"/> is
    /// the pid of the silo that ran it (0 when its silo was lost), times are from the client's creation, as the client saw them.
    /// Look a pid up in <see cref="LocalCluster.Silos"/> to name the silo.
    /// </summary>
    public IReadOnlyList<TaskRun> Timeline => _timeline.Snapshot();

    /// <summary>Refuses what the pool refuses, at the call: the function, and types JSON cannot carry.</summary>
    static (string Key, byte[] Definition) Check(Delegate function, Type argument, Type result)
    {
        var definition = FunctionDefinition.Of(function);
        WireFormat.CheckCanTravel(argument, $"Argument '{function.Method.GetParameters()[0].Name}'");
        WireFormat.CheckCanTravel(result, "The result");
        return definition;
    }

    /// <summary>Python's rule, with every core of every silo as a worker (silos are assumed to have this machine's cores).</summary>
    int DefaultChunksize(int count) => PoolRules.DefaultChunksize(count, _gateways * Environment.ProcessorCount);

    /// <summary>
    /// One call; a silo that has not seen the function is sent its definition and asked again. A call the client could
    /// not send (its gateway's connection could not be opened) never ran, so it is sent again under another grain key,
    /// which Orleans may map to another gateway. Any other failure may have come after delivery, so it is not retried.
    /// </summary>
    async Task<CallReply> CallAsync(string key, byte[] definition, byte[] items, int count)
    {
        CallLimits.Check(items, definition); // with the definition, which a silo may ask for
        var start = _clock.Elapsed;
        CallReply reply;
        for (int attempt = 1; ; attempt++)
        {
            var grain = _orleans.GetGrain<IFunctionWorker>((uint)Interlocked.Increment(ref _nextKey) % Keys);
            try
            {
                reply = await grain.Run(key, null, items);
                if (reply.Status == CallStatus.NeedDefinition)
                    reply = await grain.Run(key, definition, items);
                break;
            }
            catch (OrleansMessageRejectionException rejected) when (NeverSent(rejected) && attempt < MaxAttempts && _clock.Elapsed - start < CallTimeout)
            {
                // Right after a silo dies, Orleans may still route to it until membership catches up: back off a little
                // (0.1 s, 0.2 s, … at most 4.5 s in all, and never past the call timeout) before sending again.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                Record(new TaskRun(0, count, start, _clock.Elapsed, Failed: true));
                throw Lost(e);
            }
        }
        Record(new TaskRun(reply.Pid, count, start, _clock.Elapsed, reply.Status != CallStatus.Done));
        if (reply.Status == CallStatus.Failed)
        {
            var error = ErrorMessage.Read(reply.Payload);
            throw new RemoteException(error.Type, error.Message, error.Trace, reply.Pid);
        }
        return reply;
    }

    /// <summary>
    /// True only for rejections that prove the call never left this client: its connection to the gateway could not
    /// be opened, or the client gave up sending it. Orleans gives these no type of their own, only its message; every
    /// other rejection (such as <see cref="SiloUnavailableException"/>, "the target silo became unavailable") may
    /// come after delivery, so it is not retried.
    /// </summary>
    internal static bool NeverSent(OrleansMessageRejectionException rejected) =>
        rejected is not SiloUnavailableException &&
        (rejected.Message.Contains("ConnectionFailedException", StringComparison.Ordinal) ||
         rejected.Message.StartsWith("Client is rejecting message", StringComparison.Ordinal));

    SiloLostException Lost(Exception e)
    {
        var which = _describeLostSilos();
        var cause = e is TimeoutException
            ? $"no answer came within {CallTimeout.TotalSeconds:0.#} s (the call timeout: raise it if one call really takes longer)"
            : "its silo died or its connection closed";
        return new SiloLostException(
            $"A call failed because {cause}{(which.Length > 0 ? $"; {which}" : "")}. Orleans said: {e.Message} " +
            "The call was not retried: Orleans delivers a call at most once, so it may have run, in part or in full. " +
            "The other silos carry on: call again to run the work there.", e);
    }

    void Record(TaskRun run) => _timeline.Add(run);

    /// <summary>Closes the connection, waiting at most 5 s for Orleans to stop; the silos are not affected.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try { await _host.StopAsync(limit.Token); }
            catch (OperationCanceledException) { }
        }
        _host.Dispose();
    }

    /// <summary>Closes the connection, as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
