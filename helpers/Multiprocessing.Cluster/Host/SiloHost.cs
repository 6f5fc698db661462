using System.Net;
using Microsoft.Extensions.Hosting;
using Multiprocessing.Platform;
using Orleans.Configuration;

namespace Multiprocessing.Cluster.Host;

/// <summary>
/// The program every silo process runs: an Orleans silo on loopback with localhost clustering (silo 0 holds the
/// membership table, the others join it). It prints <c>ready</c>, or <c>failed</c> and the reason, as its first line;
/// afterwards its standard output is what the functions it runs print. Like a pool's worker, it dies with its parent:
/// at EOF on its input, and on Linux through <c>PR_SET_PDEATHSIG</c> even when the parent is killed.
/// </summary>
internal static class SiloHost
{
    internal const string ServiceId = "multiprocessing";
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    static async Task<int> Main(string[] args)
    {
        var arguments = SiloArguments.Parse(args);
        DieWithParent(arguments.Parent);
        new Thread(WaitForInputToEnd) { IsBackground = true, Name = "silo input" }.Start();

        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.UseOrleans(silo =>
            {
                var primary = arguments.PrimaryPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
                silo.UseLocalhostClustering(arguments.SiloPort, arguments.GatewayPort, primary, ServiceId, arguments.ClusterId);
                silo.Configure<SiloMessagingOptions>(messaging => messaging.MaxMessageBodySize = Wire.CallLimits.MessageBody); // the client's too
                silo.Configure<EndpointOptions>(endpoints =>
                {
                    endpoints.AdvertisedIPAddress = IPAddress.Loopback;
                    endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, arguments.SiloPort);
                    endpoints.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, arguments.GatewayPort);
                });
            });
            var host = builder.Build();
            using var limit = new CancellationTokenSource(StartLimit);
            await host.StartAsync(limit.Token);
        }
        catch (Exception e)
        {
            Console.Out.WriteLine($"failed {Reason(e)}");
            Console.Out.Flush();
            return 2;
        }
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    /// <summary>The innermost message, on one line: Orleans wraps a socket error in several layers.</summary>
    static string Reason(Exception e)
    {
        var messages = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            messages.Add(inner is OperationCanceledException ? $"it did not start within {StartLimit.TotalSeconds:0} s" : inner.Message);
        return string.Join(" ← ", messages.Distinct()).ReplaceLineEndings(" ");
    }

    /// <summary>On Linux the kernel kills this process if the parent dies, even by SIGKILL.</summary>
    static void DieWithParent(int parent)
    {
        if (!OperatingSystem.IsLinux())
            return;
        NativeMethods.prctl(NativeMethods.PR_SET_PDEATHSIG, NativeMethods.SIGKILL, 0, 0, 0);
        if (NativeMethods.getppid() != parent)
            ExitNow(); // the parent died before prctl took effect
    }

    /// <summary>The parent closes this process's input when it ends, however it ends: the silo goes with it.</summary>
    static void WaitForInputToEnd()
    {
        try { Console.OpenStandardInput().CopyTo(Stream.Null); }
        catch (IOException) { }
        ExitNow();
    }

    /// <summary>At once: a graceful silo shutdown takes seconds, and no one is left to wait for it.</summary>
    static void ExitNow()
    {
        if (!OperatingSystem.IsWindows())
            NativeMethods.kill(Environment.ProcessId, NativeMethods.SIGKILL);
        Environment.Exit(0);
    }
}
