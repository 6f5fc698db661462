using System.Diagnostics;
using Course.Tests.Jupyter;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Cluster.Parent;
using Multiprocessing.Parent;
using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Cluster.Tests;

/// <summary>A silo process ends with its parent, as a pool's worker does: when the pipe from its parent ends, and when the parent is killed (Linux, as all these tests).</summary>
public class SiloProcessTests
{
    static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(60);
    static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);

    static SiloArguments OneSilo(int parent)
    {
        var ports = Parent.FreePorts.Take(2);
        return new SiloArguments(0, ports[0], ports[1], null, $"test-{Guid.NewGuid():N}", parent);
    }

    [Fact]
    public async Task ASiloExitsWhenThePipeFromItsParentCloses()
    {
        var (silo, pipes) = await SiloLauncher.StartAsync(OneSilo(Environment.ProcessId), ParentCulture.Capture());
        using (silo)
            try
            {
                Assert.Equal("ready", await new StreamReader(pipes.FromChild).ReadLineAsync().WaitAsync(ReadyBound));
                pipes.Dispose();
                await silo.WaitForExitAsync().WaitAsync(ExitBound);
            }
            finally
            {
                if (!silo.HasExited)
                    silo.Kill();
                pipes.Dispose();
            }
    }

    [Fact]
    public async Task ASiloDiesWhenItsParentIsKilledEvenThoughThePipeFromItsParentStaysOpen()
    {
        // bash is the silo's parent; the pipe from the parent is this test's, kept open, so only the parent-death signal
        // can end it. bash sets no signal of its own, so this is the silo's own, from its Main.
        var arguments = OneSilo(parent: 0).ToArgs().SkipLast(2);
        var program = typeof(SiloHost).Assembly.Location;
        using var pipes = new ChildPipes();
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", "\"$@\" --parent $$ & echo $!; wait", "bash", DotnetHost.Path, "exec", "--runtimeconfig",
                     Path.ChangeExtension(program, ".runtimeconfig.json"), program }.Concat(pipes.Arguments).Concat(arguments))
            info.ArgumentList.Add(arg);
        using var parent = Process.Start(info)!;
        pipes.CloseChildEnds();
        int siloPid = 0;
        try
        {
            siloPid = int.Parse((await parent.StandardOutput.ReadLineAsync().WaitAsync(ReadyBound))!);
            Assert.Equal("ready", await new StreamReader(pipes.FromChild).ReadLineAsync().WaitAsync(ReadyBound));
            parent.Kill(); // SIGKILL: bash cannot pass anything on

            Assert.Empty(await ProcessTree.WaitEndedAsync([siloPid], ExitBound));
        }
        finally
        {
            if (siloPid != 0 && ProcessTree.IsRunning(siloPid))
                Process.GetProcessById(siloPid).Kill();
            if (!parent.HasExited)
                parent.Kill();
        }
    }
}
