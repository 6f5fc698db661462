using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;
using Multiprocessing.Hosting;

namespace Course;

/// <summary>
/// One running kernel, spoken to over stdio with the library's command and event envelopes.
/// Disposing it kills the kernel and every process it started.
/// </summary>
internal sealed class KernelConnection : IDisposable
{
    static readonly ConcurrentDictionary<KernelConnection, byte> Running = new();
    static readonly PosixSignalRegistration[] SignalHandlers =
        [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, _ => StopAll()))];

    readonly Process _kernel;
    readonly Channel<KernelEvent> _events = Channel.CreateUnbounded<KernelEvent>();
    readonly StringBuilder _log = new();
    int _disposed;

    KernelConnection(Process kernel) => _kernel = kernel;

    /// <summary>The kernel's events, in the order it sent them. Completes when the kernel exits.</summary>
    public ChannelReader<KernelEvent> Events => _events.Reader;

    /// <summary>The last lines the kernel wrote to stderr, for error messages.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// Starts the pinned kernel in <paramref name="workingDirectory"/>, with the variables of <paramref name="environment"/>
    /// set (or removed, for a null value), on <paramref name="cores"/> cores when given (<see cref="CorePinning"/>), and waits until it is ready.
    /// </summary>
    public static async Task<KernelConnection> StartAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null, int? cores = null)
    {
        GC.KeepAlive(SignalHandlers);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { PinnedKernel.EntryDll(), "stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory },
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        if (cores is { } count)
            CorePinning.Apply(start, count);
        var connection = new KernelConnection(Process.Start(start)!);
        Running.TryAdd(connection, 0);
        connection.StartReading();
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (await connection.Events.ReadAsync(cancel.Token) is not KernelReady) { }
            return connection;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            var log = connection.Log;
            connection.Dispose();
            throw new InvalidOperationException(e is OperationCanceledException
                ? $"The kernel did not become ready within {timeout.TotalSeconds:0} s.\n{log}"
                : $"The kernel exited while starting.\n{log}");
        }
    }

    /// <summary>Sends <paramref name="command"/>; its events arrive on <see cref="Events"/>.</summary>
    public async Task SendAsync(KernelCommand command)
    {
        await _kernel.StandardInput.WriteLineAsync(KernelCommandEnvelope.Serialize(command));
        await _kernel.StandardInput.FlushAsync();
    }

    void StartReading()
    {
        _ = Task.Run(async () =>
        {
            while (await _kernel.StandardOutput.ReadLineAsync() is { } line)
            {
                // The kernel prints a banner before the protocol starts; only JSON lines are envelopes.
                if (!line.StartsWith('{'))
                    continue;
                if (KernelEventEnvelope.Deserialize(line).Event is { } kernelEvent)
                    _events.Writer.TryWrite(kernelEvent);
            }
            _events.Writer.TryComplete();
        });
        _ = Task.Run(async () =>
        {
            while (await _kernel.StandardError.ReadLineAsync() is { } line)
                lock (_log)
                {
                    _log.AppendLine(line);
                    if (_log.Length > 20_000)
                        _log.Remove(0, _log.Length - 20_000);
                }
        });
    }

    /// <summary>Kills the kernel and the processes it started (pool workers, children), then waits for it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        Running.TryRemove(this, out _);
        try
        {
            if (!_kernel.HasExited)
                _kernel.Kill(entireProcessTree: true);
            _kernel.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        if (_kernel.HasExited)
            Multiprocessing.Hosting.ProcessFiles.DeleteFilesOf(_kernel.Id); // a killed kernel cannot delete the cells and worker configs it wrote
        _kernel.Dispose();
    }

    /// <summary>Ctrl+C, SIGTERM or SIGHUP: stop every kernel before this process ends.</summary>
    static void StopAll()
    {
        foreach (var connection in Running.Keys)
            connection.Dispose();
    }
}
