using Course.Jupyter;
using Multiprocessing.Hosting;

namespace Course.Tests.Jupyter;

/// <summary>
/// The course kernel, started by a real Jupyter client from the kernelspec <c>install-kernel</c> writes, exposes nothing:
/// no TCP port but Jupyter's own on loopback, and its HTTP API only on a Unix socket that no other user can open.
/// </summary>
[Collection("Kernel")]
public sealed class KernelSecurityTests : IDisposable
{
    readonly JupyterHome _home = new();

    [Fact]
    public async Task TheCourseKernelListensOnNoNetworkPortAndHidesItsHttpApi()
    {
        using var kernel = JupyterDriver.Open(_home);
        await kernel.StartAsync();
        var (status, text) = await kernel.ExecuteAsync("System.Environment.ProcessId");
        Assert.Equal("ok", status);
        // The first cell run gets no HTTP API bootstrap, which lists the machine's addresses (QuietHttpApi).
        MachineAddresses.AssertNoneIn(text, "the first cell's output");

        var problems = await KernelExposure.ProblemsAsync(kernel, _home.Runtime);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + _home.LogTail);

        // The HTTP API is still there, on the private socket, for the user who owns it.
        var socket = Path.Combine(Assert.Single(_home.SocketFolders()), KernelLauncher.SocketName);
        Assert.True(await KernelExposure.HubAnswersAsync(KernelExposure.UnixHandler(socket)), "the kernel's HTTP API should answer on its own socket");
        await kernel.ShutdownAsync();
    }

    /// <summary>
    /// The same check fails for the stock kernel, even with <c>--http-local-only</c> (stock binds every interface):
    /// its HTTP API is on TCP port 2048+, where any local user or web page can reach the hub. And its first cell gets the
    /// HTTP API's bootstrap, which the check on saved notebooks refuses.
    /// </summary>
    [Fact]
    public async Task TheSameCheckCatchesTheStockKernelsHttpApi()
    {
        _home.AddKernelspec("stock-local", DotnetHost(), PinnedKernel.EntryDll(), "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-local-only");
        using var kernel = JupyterDriver.Open(_home);
        await kernel.StartAsync("stock-local");

        var problems = await KernelExposure.ProblemsAsync(kernel, _home.Runtime);
        Assert.Contains(problems, p => p.StartsWith("TCP listener 127.0.0.1:", StringComparison.Ordinal) && p.Contains("is not one of Jupyter's ports"));
        // And the stock kernel writes its bootstrap into the first cell, which the check on saved notebooks catches.
        var (_, first) = await kernel.ExecuteAsync("1 + 1");
        Assert.Contains(MachineAddresses.BootstrapMarkers[0], first);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => MachineAddresses.AssertNoneIn(first, "the stock kernel's first cell"));
        Assert.Contains(problems, p => p.StartsWith("/kernelhub/negotiate answers without authentication on TCP port", StringComparison.Ordinal));
        await kernel.ShutdownAsync();
    }

    static string DotnetHost() => Multiprocessing.Hosting.DotnetHost.Path;

    public void Dispose() => _home.Dispose();
}
