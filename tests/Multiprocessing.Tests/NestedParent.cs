using Multiprocessing.Parent;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// What a test sets in a parent process of its own (a worker of the test's pool), so that the test process itself is
/// never changed: environment variables its children inherit (as a tracer or dotnet watch sets them), variables the
/// library adds to every child after dropping the tools' (to give a child a startup hook), and the start deadline.
/// </summary>
public sealed record NestedSetup(Dictionary<string, string> Environment, Dictionary<string, string> ChildVariables, double StartDeadlineSeconds = 30);

/// <summary>What the nested parent saw: its pool's squares of 1..4 or the pool's error, its child's exit code, and every line its children wrote.</summary>
public sealed record NestedOutcome(List<int>? Squares, string? PoolError, int? ChildExitCode, List<string> Output);

/// <summary>Functions a test runs in a worker of its pool, which then acts as a parent with children of its own.</summary>
public static class NestedParent
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Maps <see cref="Targets.Square"/> over 1..4 on a pool of 2 and runs a <see cref="ChildProcess"/> that prints a line.
    /// Both workers first run a task at once (<see cref="Targets.Gather"/>), so both have started before the pool ends: a
    /// pool hands tasks only to ready workers, and one worker could otherwise take every square before the other is up.
    /// </summary>
    public static NestedOutcome MapAndRunAChild(NestedSetup setup)
    {
        Apply(setup);
        var output = new List<string>();
        using var frontEnd = FrontEnd.Use(new OutputList(output));
        List<int>? squares = null;
        string? poolError = null;
        try
        {
            using var pool = new ProcessPool(2);
            var gathering = Directory.CreateTempSubdirectory("mp-nested-");
            try
            {
                pool.StarmapAsync(Targets.Gather, [(gathering.FullName, "a", 2), (gathering.FullName, "b", 2)], chunksize: 1).Get(Bound);
            }
            finally
            {
                gathering.Delete(recursive: true);
            }
            squares = pool.MapAsync(Targets.Square, [1, 2, 3, 4], chunksize: 1).Get(Bound);
        }
        catch (Exception e) when (e is BrokenProcessPoolException or TimeoutException)
        {
            poolError = $"{e.GetType().Name}: {e.Message}";
        }
        using var child = new ChildProcess(Targets.Print, "printed by the child");
        child.Start();
        child.Join(Bound);
        var exit = child.ExitCode;
        lock (output)
            return new NestedOutcome(squares, poolError, exit, [.. output]);
    }

    /// <summary>
    /// Starts a pool of 1 whose worker is held before <c>Main</c> by a startup hook, writes the worker's pid to
    /// <c>folder/worker</c>, and waits to be killed by the test (at most a minute).
    /// </summary>
    public static int HoldAWorkerBeforeMain(string folder)
    {
        Apply(new NestedSetup([], new() { ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location, [StartupHook.Variable] = "hang" }, StartDeadlineSeconds: 600));
        var pool = new ProcessPool(1); // never disposed: the test kills this process
        File.WriteAllText(Path.Combine(folder, "worker"), pool.WorkerPids[0].ToString());
        return Targets.WaitForGate(Path.Combine(folder, "never"), -1);
    }

    /// <summary>
    /// Tells the library, as the runtime does after a hot reload update, that this test assembly changed; then tries a
    /// function of it on a pool, and one of the framework's. Returns the refusal and the framework function's result.
    /// </summary>
    public static string MapAfterAHotReloadUpdate(int _)
    {
        Platform.HotReloadedAssemblies.UpdateApplication([typeof(Targets)]);
        using var pool = new ProcessPool(1);
        string refusal;
        try
        {
            refusal = "ran: " + pool.MapAsync(Targets.Square, [2]).Get(Bound)[0];
        }
        catch (ArgumentException e)
        {
            refusal = e.Message;
        }
        return $"{refusal} | abs {pool.MapAsync<int, int>(Math.Abs, [-2]).Get(Bound)[0]}";
    }

    static void Apply(NestedSetup setup)
    {
        foreach (var (name, value) in setup.Environment)
            Environment.SetEnvironmentVariable(name, value);
        ChildLauncher.ExtraVariables = setup.ChildVariables;
        WorkerProcess.StartDeadline = TimeSpan.FromSeconds(setup.StartDeadlineSeconds);
    }

    /// <summary>Keeps every line the children write, stderr lines marked, instead of writing them.</summary>
    sealed class OutputList(List<string> output) : ConsoleFrontEnd
    {
        public override void WriteWorkerOutput(string text, bool isError, ExecutionContext? origin)
        {
            lock (output)
                output.AddRange(text.TrimEnd('\n').Split('\n').Select(line => (isError ? "stderr: " : "") + line));
        }
    }
}
