using System.Diagnostics;
using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// Workers and children start as they should when the parent runs under a tracer, a profiler or hot reload: the
/// variables those tools set for the parent are not passed on, bytes written before <c>Main</c> do not break the
/// protocol, a worker held before <c>Main</c> fails within the deadline naming what it wrote, and dies with its parent.
/// Each runs in a parent of its own (a worker of the test's pool), so this process's environment never changes.
/// </summary>
public class StartUnderToolsTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    static readonly string HookAssembly = typeof(StartupHook).Assembly.Location;

    [Fact]
    public void WorkersAndChildrenStartAndRunWhenTheParentHasATracersPortAStartupHookAndATraceToAFile()
    {
        using var gates = new GateFolder();
        using var port = new DiagnosticPortListener(gates.Folder);
        var nobody = Path.Combine(gates.Folder, "nobody.sock"); // a port nobody listens on
        var traces = Directory.CreateDirectory(Path.Combine(gates.Folder, "traces")).FullName;
        // dotnet-trace collect -- app: the port in suspend mode (the default), as the tool gives its app.
        var tracer = new Dictionary<string, string>
        {
            ["DOTNET_DiagnosticPorts"] = $"{port.Path};{nobody},connect,suspend",
            ["DOTNET_DefaultDiagnosticPortSuspend"] = "1",
        };

        // The test can fail: a runtime started with these variables does announce itself to the port, and waits there.
        int heldPid;
        using (var held = StartWorkerProgram(tracer))
        {
            heldPid = held.Id;
            try
            {
                Assert.True(port.WaitFor(held.Id, Bound), "A runtime given the tracer's port never connected to it.");
                Assert.False(held.HasExited);
            }
            finally
            {
                held.Kill();
            }
        }

        var environment = new Dictionary<string, string>(tracer)
        {
            ["DOTNET_STARTUP_HOOKS"] = HookAssembly, // dotnet watch's agent, an APM agent
            [StartupHook.Variable] = "mark:" + traces,
            ["DOTNET_EnableEventPipe"] = "1", // a trace of the parent, from its start, to a file
            ["DOTNET_EventPipeOutputPath"] = Path.Combine(traces, "trace-{pid}.nettrace"),
            ["DOTNET_MODIFIABLE_ASSEMBLIES"] = "debug", // hot reload
            ["DOTNET_WATCH"] = "1",
        };
        var outcome = RunNested(new NestedSetup(environment, []));

        Assert.True(outcome.PoolError is null, outcome.PoolError);
        Assert.Equal([1, 4, 9, 16], outcome.Squares);
        Assert.Equal(0, outcome.ChildExitCode);
        Assert.Contains("printed by the child", outcome.Output);
        Assert.Empty(Directory.GetFiles(traces)); // no worker ran the hook or traced itself
        Assert.Equal([heldPid], port.Announced); // only the runtime started with the variables on purpose
    }

    [Fact]
    public void LinesAStartupHookPrintsBeforeMainArePassedOnAsOutputAndDoNotBreakTheProtocol()
    {
        var hook = new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = HookAssembly, [StartupHook.Variable] = "banner" };
        var outcome = RunNested(new NestedSetup([], hook));

        Assert.True(outcome.PoolError is null, outcome.PoolError);
        Assert.Equal([1, 4, 9, 16], outcome.Squares);
        Assert.Equal(0, outcome.ChildExitCode);
        Assert.Contains("printed by the child", outcome.Output);
        // Two workers and the child each printed the banner before Main, on their stdout.
        Assert.Equal(3, outcome.Output.Count(line => line.StartsWith("startup hook: hello from ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AWorkerHeldBeforeMainFailsThePoolAtTheDeadlineNamingWhatItWrote_AndAChildIsKilled()
    {
        var hook = new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = HookAssembly, [StartupHook.Variable] = "hang" };
        var clock = Stopwatch.StartNew();
        var outcome = RunNested(new NestedSetup([], hook, StartDeadlineSeconds: 3));

        Assert.Null(outcome.Squares);
        Assert.NotNull(outcome.PoolError);
        Assert.StartsWith(nameof(BrokenProcessPoolException), outcome.PoolError);
        Assert.Contains("did not start within 3 s", outcome.PoolError);
        Assert.Contains("It wrote: startup hook: holding", outcome.PoolError);
        Assert.Equal(137, outcome.ChildExitCode); // killed at the deadline, with the reason on its stderr
        Assert.Contains(outcome.Output, line => line.StartsWith("stderr: Process ", StringComparison.Ordinal) && line.Contains("did not start within 3 s"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"The nested run took {clock.Elapsed.TotalSeconds:0} s.");
    }

    [Fact]
    public void AWorkerHeldBeforeMainDiesWithItsParentWhenTheParentIsKilled()
    {
        if (!OperatingSystem.IsLinux())
            return; // the parent-death signal is Linux's
        using var gates = new GateFolder();
        using var pool = new ProcessPool(1);
        int parent = pool.WorkerPids[0];
        var held = pool.ApplyAsync(NestedParent.HoldAWorkerBeforeMain, gates.Folder);
        var workerFile = Path.Combine(gates.Folder, "worker");
        Assert.True(SpinWait.SpinUntil(() => File.Exists(workerFile) && File.ReadAllText(workerFile).Length > 0, Bound), "The nested pool did not start.");
        int worker = int.Parse(File.ReadAllText(workerFile));
        try
        {
            Assert.True(IsRunning(worker));
            Assert.Contains("Multiprocessing.dll", File.ReadAllText($"/proc/{worker}/cmdline"));

            Process.GetProcessById(parent).Kill(); // SIGKILL: nothing of the parent runs any more

            Assert.True(SpinWait.SpinUntil(() => !IsRunning(worker), TimeSpan.FromSeconds(10)),
                $"Worker {worker}, held before Main, outlived its killed parent {parent}.");
            Assert.Throws<BrokenProcessPoolException>(() => held.Get(Bound));
        }
        finally
        {
            if (IsRunning(worker))
                Process.GetProcessById(worker).Kill();
        }
    }

    [Fact]
    public void AFunctionFromAnAssemblyHotReloadChangedIsRefused_SinceAChildWouldRunTheCodeAsBuilt()
    {
        using var pool = new ProcessPool(1); // a parent of its own: marking this assembly changed here would refuse every test
        var outcome = pool.ApplyAsync(NestedParent.MapAfterAHotReloadUpdate, 0).Get(Bound);

        Assert.StartsWith("Targets.Square is in Multiprocessing.Tests, which hot reload has changed in this process", outcome);
        Assert.Contains("would run the old code", outcome);
        Assert.EndsWith("| abs 2", outcome); // the framework's functions were not changed
    }

    [Fact]
    public void TheToolsVariablesAreDroppedAndTheProgramsOwnKept()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_DiagnosticPorts"] = "x", ["COMPlus_DiagnosticPorts"] = "x", ["DOTNET_DefaultDiagnosticPortSuspend"] = "1",
            ["DOTNET_STARTUP_HOOKS"] = "x", ["CORECLR_ENABLE_PROFILING"] = "1", ["CORECLR_PROFILER"] = "{x}",
            ["CORECLR_PROFILER_PATH_64"] = "x", ["CORECLR_NOTIFICATION_PROFILERS"] = "x", ["DOTNET_EnableEventPipe"] = "1",
            ["COMPlus_EventPipeOutputPath"] = "x", ["DOTNET_MODIFIABLE_ASSEMBLIES"] = "debug", ["DOTNET_WATCH"] = "1",
            ["DOTNET_WATCH_HOTRELOAD_NAMEDPIPE_NAME"] = "x", ["DOTNET_HOTRELOAD_NAMEDPIPE_NAME"] = "x", ["COMPlus_ForceEnc"] = "1",
            // The program's own: kept.
            ["DOTNET_EnableDiagnostics"] = "0", ["DOTNET_EnableDiagnostics_IPC"] = "0", ["DOTNET_ROOT"] = "/usr/share/dotnet",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["DOTNET_GCHeapHardLimit"] = "0x10000000", ["PATH"] = "/usr/bin",
            ["DOTNET_DbgEnableMiniDump"] = "1",
        };
        ToolVariables.RemoveFrom(environment);
        Assert.Equal(
            ["DOTNET_DbgEnableMiniDump", "DOTNET_EnableDiagnostics", "DOTNET_EnableDiagnostics_IPC", "DOTNET_GCHeapHardLimit", "DOTNET_ROOT", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "PATH"],
            environment.Keys.Order(StringComparer.Ordinal));
    }

    static NestedOutcome RunNested(NestedSetup setup)
    {
        using var pool = new ProcessPool(1);
        return pool.ApplyAsync(NestedParent.MapAndRunAChild, setup).Get(Bound);
    }

    /// <summary>The worker program started by hand with <paramref name="variables"/>: without them it would fail at once (no --channel).</summary>
    static Process StartWorkerProgram(Dictionary<string, string> variables)
    {
        var program = typeof(ProcessPool).Assembly.Location;
        var info = new ProcessStartInfo(DotnetHost.Path, ["exec", "--runtimeconfig", Path.ChangeExtension(program, ".runtimeconfig.json"), program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in variables)
            info.Environment[name] = value;
        return Process.Start(info)!;
    }

    static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');
}
