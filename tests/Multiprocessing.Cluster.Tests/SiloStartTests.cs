using System.Globalization;
using Multiprocessing.Parent;
using Multiprocessing.Tests;

namespace Multiprocessing.Cluster.Tests;

/// <summary>
/// Silos start as workers do (the same launcher): under a tracer's suspended diagnostic port, with a startup hook that
/// prints before <c>Main</c>, an empty stdin, and the parent's culture and runtime properties (this test assembly's
/// runtime config sets <c>Multiprocessing.Cluster.Tests.CarriedSwitch</c>). Tests here run one at a time, so this
/// one may set variables its silos inherit, and puts them back.
/// </summary>
public class SiloStartTests
{
    static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ASiloStartsUnderATracersPortAndABannerBeforeMain_ReadsEndOfInput_AndComputesAsItsParent()
    {
        using var gates = new GateFolder();
        using var port = new DiagnosticPortListener(gates.Folder);
        var (culture, uiCulture, output) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, Console.Out);
        var printed = new StringWriter();
        LocalCluster cluster;
        try
        {
            Environment.SetEnvironmentVariable("DOTNET_DiagnosticPorts", port.Path); // suspend mode, as dotnet-trace gives it
            ChildLauncher.ExtraVariables = new Dictionary<string, string>
            {
                ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
                [StartupHook.Variable] = "banner",
            };
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Console.SetOut(TextWriter.Synchronized(printed));
            cluster = await LocalCluster.StartAsync(silos: 1).WaitAsync(StartBound);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_DiagnosticPorts", null);
            ChildLauncher.ExtraVariables = new Dictionary<string, string>();
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            Console.SetOut(output);
        }
        await using (cluster)
        {
            var client = cluster.Client;
            Assert.Equal(["<eof>", "<eof>"], await client.MapAsync(ClusterTargets.Ask, [0, 1], chunksize: 1));
            Assert.Equal("tr-TR de-DE İ 1,5 True", await client.ApplyAsync(ClusterTargets.Describe, 0));
            Assert.Equal(9, await client.ApplyAsync(ClusterTargets.Square, 3));
            Assert.Empty(port.Announced);
            Assert.Contains($"startup hook: hello from {cluster.Silos[0].Pid}", printed.ToString());
        }
    }
}
