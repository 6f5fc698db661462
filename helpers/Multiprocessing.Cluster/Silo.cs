using System.Diagnostics;
using System.Net;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Cluster.Parent;

namespace Multiprocessing.Cluster;

/// <summary>
/// One silo process of a <see cref="LocalCluster"/>: the cluster's equivalent of one of a pool's workers, except that
/// it runs many calls at once (as many as its thread pool has threads for) and could be on another machine.
/// </summary>
public sealed class Silo
{
    readonly Process _process;
    readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<string> _errors = [];
    volatile bool _released;

    Silo(int index, Process process, int siloPort, int gatewayPort)
    {
        Index = index;
        _process = process;
        Pid = process.Id;
        SiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort);
        GatewayEndpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
        // The first line is the silo's "ready" or "failed ..."; later lines are what its functions print.
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                _firstLine.TrySetResult("exited");
            else if (!_firstLine.TrySetResult(e.Data))
                Console.Out.WriteLine(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_errors)
                if (_errors.Count < 20)
                    _errors.Add(e.Data);
            if (_firstLine.Task.IsCompleted)
                Console.Error.WriteLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The silo's index in the cluster, from 0; silo 0 holds the membership table.</summary>
    public int Index { get; }

    /// <summary>The silo's process id: what <see cref="Environment.ProcessId"/> returns in a function it runs.</summary>
    public int Pid { get; }

    /// <summary>Where it listens for other silos: always 127.0.0.1.</summary>
    public IPEndPoint SiloEndpoint { get; }

    /// <summary>Where it listens for clients (its gateway): always 127.0.0.1.</summary>
    public IPEndPoint GatewayEndpoint { get; }

    /// <summary>True while the process runs; false once the cluster is disposed.</summary>
    public bool IsAlive => !_released && !_process.HasExited;

    /// <summary>Silo 0 holds localhost clustering's membership table, so the cluster needs it alive.</summary>
    public bool IsPrimary => Index == 0;

    /// <inheritdoc/>
    public override string ToString() => $"silo {Index} (pid {Pid}, {SiloEndpoint})";

    /// <summary>Starts the process and waits, at most <paramref name="limit"/>, for it to report ready.</summary>
    /// <exception cref="SiloStartException">Throws when it cannot start or says it failed; the process is gone then.</exception>
    internal static async Task<Silo> StartAsync(SiloArguments arguments, TimeSpan limit, CancellationToken cancel)
    {
        Process process;
        try
        {
            process = await SiloLauncher.StartAsync(arguments);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SiloStartException($"Silo {arguments.Index} could not be started: {e.Message}", arguments.Index, arguments.SiloPort, arguments.GatewayPort, e);
        }
        var silo = new Silo(arguments.Index, process, arguments.SiloPort, arguments.GatewayPort);
        try
        {
            var line = await silo._firstLine.Task.WaitAsync(limit, cancel);
            if (line == "ready")
                return silo;
            await silo.KillAsync();
            throw silo.StartFailed(line.StartsWith("failed ", StringComparison.Ordinal)
                ? line["failed ".Length..]
                : $"its process ended before it was ready, with exit code {process.ExitCode}. {silo.ErrorText()}");
        }
        catch (TimeoutException)
        {
            await silo.KillAsync();
            throw silo.StartFailed($"it did not report ready within {limit.TotalSeconds:0} s. {silo.ErrorText()}");
        }
        catch (OperationCanceledException)
        {
            await silo.KillAsync();
            throw;
        }
    }

    SiloStartException StartFailed(string cause) => new(
        $"Silo {Index} could not start on 127.0.0.1 (silo port {SiloEndpoint.Port}, gateway port {GatewayEndpoint.Port}): {cause.Trim()} " +
        (cause.Contains("in use", StringComparison.OrdinalIgnoreCase)
            ? "Another program holds that port: start the cluster without firstPort, so it picks free ports, or choose other ports."
            : "Its standard error is shown above, if it wrote any."),
        Index, SiloEndpoint.Port, GatewayEndpoint.Port);

    string ErrorText()
    {
        lock (_errors)
            return _errors.Count == 0 ? "" : "It wrote: " + string.Join(" | ", _errors);
    }

    /// <summary>Kills the process (SIGKILL) and waits for it, at most 10 s.</summary>
    internal async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (InvalidOperationException) { } // already gone
        catch (OperationCanceledException) { } // reported by IsAlive
    }

    /// <summary>Frees the process handle and its pipes.</summary>
    internal void Release()
    {
        _released = true;
        _process.Dispose();
    }
}
