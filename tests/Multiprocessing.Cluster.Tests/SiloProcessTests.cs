using System.Diagnostics;
using System.Runtime.InteropServices;
using Course.Tests.Jupyter;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Cluster.Parent;

namespace Multiprocessing.Cluster.Tests;

/// <summary>A silo process ends with its parent, as a pool's worker does: at EOF on its input, and when the parent is killed (Linux, as all these tests).</summary>
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
    public async Task ASiloExitsAtTheEndOfItsInput()
    {
        using var silo = await SiloLauncher.StartAsync(OneSilo(Environment.ProcessId));
        try
        {
            Assert.Equal("ready", await silo.StandardOutput.ReadLineAsync().WaitAsync(ReadyBound));
            silo.StandardInput.Close();
            await silo.WaitForExitAsync().WaitAsync(ExitBound);
        }
        finally
        {
            if (!silo.HasExited)
                silo.Kill();
        }
    }

    [Fact]
    public async Task ASiloDiesWhenItsParentIsKilledEvenThoughItsInputStaysOpen()
    {
        // bash is the silo's parent; the silo's input is this test's pipe (a background job's would be /dev/null), kept
        // open, so only the parent-death signal can end it.
        var arguments = OneSilo(parent: 0).ToArgs().SkipLast(2);
        var program = typeof(SiloHost).Assembly.Location;
        var dotnet = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet");
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", "exec 3<&0; \"$@\" --parent $$ <&3 & echo $!; wait", "bash", dotnet, "exec", "--runtimeconfig",
                     Path.ChangeExtension(program, ".runtimeconfig.json"), program }.Concat(arguments))
            info.ArgumentList.Add(arg);
        using var parent = Process.Start(info)!;
        int siloPid = 0;
        try
        {
            siloPid = int.Parse((await parent.StandardOutput.ReadLineAsync().WaitAsync(ReadyBound))!);
            Assert.Equal("ready", await parent.StandardOutput.ReadLineAsync().WaitAsync(ReadyBound));
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
