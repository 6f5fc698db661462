using System.Diagnostics;
using System.Net;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Cluster.Parent;
using Multiprocessing.Parent;
using Multiprocessing.Platform;

namespace Multiprocessing.Cluster;

/// <summary>
/// One silo process of a <see cref="LocalCluster"/>: the cluster's equivalent of one of a pool's workers, except that
/// it runs many calls at once (as many as its thread pool has threads for) and could be on another machine.
/// </summary>
public sealed class Silo
{
    readonly Process _process;
    readonly ChildPipes _pipes;
    readonly Task<string> _report;
    readonly List<string> _early = [];
    volatile bool _released;

    Silo(int index, Process process, ChildPipes pipes, int siloPort, int gatewayPort)
    {
        Index = index;
        _process = process;
        _pipes = pipes;
        Pid = process.Id;
        SiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort);
        GatewayEndpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
        // Its report, "ready" or "failed ...", comes on its own pipe; its stdout and stderr are what its code prints.
        _report = ReadReportAsync(pipes.FromChild);
        _process.OutputDataReceived += (_, e) => Copy(e.Data, Console.Out);
        _process.ErrorDataReceived += (_, e) => Copy(e.Data, Console.Error);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    static async Task<string> ReadReportAsync(Stream fromSilo)
    {
        try { return await new StreamReader(fromSilo).ReadLineAsync() ?? "exited"; }
        catch (IOException) { return "exited"; }
    }

    /// <summary>Prints a line of the silo's; the first ones, before it is ready, also go in the error if it fails to start.</summary>
    void Copy(string? line, TextWriter to)
    {
        if (line is null)
            return;
        if (!_report.IsCompleted)
            lock (_early)
                if (_early.Count < 20)
                    _early.Add(line);
        to.WriteLine(line);
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
    internal static async Task<Silo> StartAsync(SiloArguments arguments, ParentCulture culture, TimeSpan limit, CancellationToken cancel)
    {
        Process process;
        ChildPipes pipes;
        try
        {
            (process, pipes) = await SiloLauncher.StartAsync(arguments, culture);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SiloStartException($"Silo {arguments.Index} could not be started: {e.Message}", arguments.Index, arguments.SiloPort, arguments.GatewayPort, e);
        }
        var silo = new Silo(arguments.Index, process, pipes, arguments.SiloPort, arguments.GatewayPort);
        try
        {
            var line = await silo._report.WaitAsync(limit, cancel);
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
            : "What it printed is shown above, if anything."),
        Index, SiloEndpoint.Port, GatewayEndpoint.Port);

    string ErrorText()
    {
        lock (_early)
            return _early.Count == 0 ? "It wrote nothing." : "It wrote: " + string.Join(" | ", _early);
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

    /// <summary>Frees the process handle and its pipes; closing the pipe to it ends a silo still running.</summary>
    internal void Release()
    {
        _released = true;
        _pipes.Dispose();
        _process.Dispose();
    }
}
