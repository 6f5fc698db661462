using System.Net;
using Microsoft.Extensions.Hosting;
using Multiprocessing.Child;
using Multiprocessing.Platform;
using Orleans.Configuration;

namespace Multiprocessing.Cluster.Host;

/// <summary>
/// The program every silo process runs: an Orleans silo on loopback with localhost clustering (silo 0 holds the
/// membership table, the others join it). It sends <c>ready</c>, or <c>failed</c> and the reason, as one line on the pipe
/// its parent made for it (<see cref="ParentPipes"/>); its standard output is what the functions it runs print, and its
/// stdin is empty. Like a pool's worker, it dies with its parent: when the pipe from the parent ends, and on Linux
/// through <c>PR_SET_PDEATHSIG</c> even when the parent is killed.
/// </summary>
internal static class SiloHost
{
    internal const string ServiceId = "multiprocessing";
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    static async Task<int> Main(string[] args)
    {
        var arguments = SiloArguments.Parse(args);
        DieWithParent(arguments.Parent);
        var (fromParent, toParent) = ParentPipes.Open(args);
        new Thread(() => WaitForParentToEnd(fromParent)) { IsBackground = true, Name = "silo input" }.Start();

        try
        {
            ParentCulture.Apply(args);
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
            Report(toParent, $"failed {Reason(e)}");
            return 2;
        }
        Report(toParent, "ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    /// <summary>The one line this silo sends its parent, on the pipe only the library writes to.</summary>
    static void Report(Stream toParent, string line)
    {
        toParent.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        toParent.Flush();
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

    /// <summary>The parent's end of its pipe to this process closes when the parent ends, however it ends: the silo goes with it.</summary>
    static void WaitForParentToEnd(Stream fromParent)
    {
        try { fromParent.CopyTo(Stream.Null); }
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
