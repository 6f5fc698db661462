using Course.Jupyter;

namespace Course.Tests.Jupyter;

/// <summary>
/// The course kernel under a real Jupyter client: two at once, interrupt, shutdown and a killed launcher all leave no
/// process and no socket behind.
/// </summary>
[Collection("Kernel")]
public sealed class KernelLifecycleTests : IDisposable
{
    readonly JupyterHome _home = new();

    [Fact]
    public async Task TwoKernelsAtOnceEachRunACellAndLeaveNothingBehind()
    {
        using var first = JupyterDriver.Open(_home);
        using var second = JupyterDriver.Open(_home);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var trees = ProcessTree.Of(first.KernelPid).Concat(ProcessTree.Of(second.KernelPid)).ToArray();
        Assert.Equal(2, _home.SocketFolders().Count);

        var answers = await Task.WhenAll(first.ExecuteAsync("6 * 7"), second.ExecuteAsync("6 * 8"));
        Assert.Equal(("ok", true), (answers[0].Status, answers[0].Text.Contains("42")));
        Assert.Equal(("ok", true), (answers[1].Status, answers[1].Text.Contains("48")));

        await Task.WhenAll(first.ShutdownAsync(), second.ShutdownAsync());
        await AssertNothingLeftAsync(trees);
    }

    [Fact]
    public async Task ShutdownEndsTheKernelItsWorkersAndItsSocket()
    {
        using var kernel = JupyterDriver.Open(_home);
        await kernel.StartAsync();
        // Worker processes of the kernel, as a lesson's pool starts them.
        var library = Path.Combine(AppContext.BaseDirectory, "Multiprocessing.dll");
        var (status, text) = await kernel.ExecuteAsync($"#r \"{library}\"\nvar pool = new Multiprocessing.ProcessPool(2);\nstring.Join(\",\", pool.Map<int, int>(Math.Abs, [-1, -2, -3]))");
        Assert.Equal("ok", status);
        Assert.Contains("1,2,3", text);
        var tree = ProcessTree.Of(kernel.KernelPid);
        Assert.True(tree.Count >= 4, $"launcher, kernel and two workers: {string.Join(", ", tree)}");

        await kernel.ShutdownAsync();
        Assert.Equal(0, await kernel.WaitForExitAsync(10));
        await AssertNothingLeftAsync(tree);
    }

    [Fact]
    public async Task InterruptCancelsTheRunningCellAndTheKernelKeepsItsVariables()
    {
        using var kernel = JupyterDriver.Open(_home);
        await kernel.StartAsync();
        Assert.Equal("ok", (await kernel.ExecuteAsync("var answer = 41;")).Status);
        await kernel.SubmitAsync("Console.WriteLine(\"running\"); await Task.Delay(TimeSpan.FromSeconds(4));");

        await kernel.InterruptAsync();
        var (status, text) = await kernel.ReplyAsync(30);
        Assert.Equal(("error", true), (status, text.Contains("Command cancelled")));
        Assert.Null(await kernel.WaitForExitAsync(1)); // the kernel lives on
        // C# code cannot be stopped from outside, so the next cell starts when the cancelled one has ended.
        var (next, value) = await kernel.ExecuteAsync("answer + 1", seconds: 30);
        Assert.Equal(("ok", true), (next, value.Contains("42")));
        await kernel.ShutdownAsync();
    }

    [Fact]
    public async Task ASecondInterruptEndsTheKernelAndLeavesNothingRunning()
    {
        using var kernel = JupyterDriver.Open(_home);
        await kernel.StartAsync();
        var tree = ProcessTree.Of(kernel.KernelPid);
        // Never checks for cancellation; it prints first so the interrupt surely finds it running, not still compiling.
        await kernel.SubmitAsync("Console.WriteLine(\"running\"); while (true) System.Threading.Thread.Sleep(50);");

        await kernel.InterruptAsync();
        Assert.Contains("Command cancelled", (await kernel.ReplyAsync(30)).Text);
        await kernel.InterruptAsync();
        Assert.Equal(0, await kernel.WaitForExitAsync(20));
        await AssertNothingLeftAsync(tree);
    }

    [Fact]
    public async Task AKilledLauncherTakesTheKernelWithIt()
    {
        using var kernel = JupyterDriver.Open(_home);
        await kernel.StartAsync();
        var tree = ProcessTree.Of(kernel.KernelPid);
        Assert.True(tree.Count >= 2, "launcher and kernel");

        System.Diagnostics.Process.GetProcessById(kernel.KernelPid).Kill(); // SIGKILL to the launcher alone
        Assert.NotNull(await kernel.WaitForExitAsync(10));
        Assert.Empty(await ProcessTree.WaitEndedAsync(tree, TimeSpan.FromSeconds(10))); // the kernel did not outlive its launcher

        // The next kernel sweeps the socket folder the killed launcher could not delete.
        Assert.Single(_home.SocketFolders());
        using var next = JupyterDriver.Open(_home);
        await next.StartAsync();
        var folder = Assert.Single(_home.SocketFolders());
        Assert.Contains($"{KernelLauncher.FolderPrefix}{next.KernelPid}-", folder);
        await next.ShutdownAsync();
    }

    async Task AssertNothingLeftAsync(IReadOnlyCollection<int> processes)
    {
        var running = await ProcessTree.WaitEndedAsync(processes, TimeSpan.FromSeconds(10));
        Assert.True(running.Length == 0, $"still running: {string.Join(", ", running)}\n{_home.LogTail}");
        Assert.Empty(_home.SocketFolders());
    }

    public void Dispose() => _home.Dispose();
}
