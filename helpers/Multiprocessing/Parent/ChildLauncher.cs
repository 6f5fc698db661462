using System.Diagnostics;
using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Parent;

/// <summary>
/// Starts a program of the library's (the workers' and children's <c>Multiprocessing.dll</c>, the silos'
/// <c>Multiprocessing.Cluster.dll</c>) the one way they are all started: <c>dotnet exec --runtimeconfig CONFIG PROGRAM</c>
/// on this process's runtime, through <see cref="ParentDeathSignal"/>, on the starter thread, with
/// <list type="bullet">
/// <item>pipes of its own for the library's messages (<see cref="ChildPipes"/>), passed as <c>--channel</c>;</item>
/// <item>standard input that is already at its end, as CPython gives its children <c>/dev/null</c>: user code that reads
/// it gets end of input at once, and so does any process it starts (a <c>cat</c>);</item>
/// <item>standard output and error redirected, for the parent to copy line by line;</item>
/// <item>this process's environment without the <see cref="ToolVariables"/>.</item>
/// </list>
/// </summary>
internal static class ChildLauncher
{
    /// <summary>
    /// Variables set on every child after the tool variables are dropped. Empty; tests set it, in a process of their
    /// own, to give children a startup hook that writes before <c>Main</c> or never lets it run.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> ExtraVariables { get; set; } = new Dictionary<string, string>();

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> after its <c>--channel</c>.</summary>
    /// <param name="program">The program's dll.</param>
    /// <param name="runtimeConfig">The runtime config it runs on.</param>
    /// <param name="arguments">Its own arguments.</param>
    /// <param name="environment">Changes to its environment, made after the tool variables are dropped.</param>
    /// <returns>The process, with standard output and error redirected, and the pipes to talk to it.</returns>
    public static Task<(Process Process, ChildPipes Pipes)> StartAsync(
        string program, string runtimeConfig, IEnumerable<string> arguments, Action<IDictionary<string, string?>>? environment = null)
    {
        var command = ParentDeathSignal.Wrap([DotnetHost.Path, "exec", "--runtimeconfig", runtimeConfig, program]);
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in command.Skip(1))
            info.ArgumentList.Add(arg);
        ToolVariables.RemoveFrom(info.Environment);
        environment?.Invoke(info.Environment);
        foreach (var (name, value) in ExtraVariables)
            info.Environment[name] = value;
        var rest = arguments.ToArray();

        return ProcessStarter.RunAsync(() =>
        {
            var pipes = new ChildPipes();
            try
            {
                foreach (var arg in pipes.Arguments.Concat(rest))
                    info.ArgumentList.Add(arg);
                var process = Process.Start(info)!;
                pipes.CloseChildEnds();
                process.StandardInput.Close(); // end of input, at once
                return (process, pipes);
            }
            catch
            {
                pipes.Dispose();
                throw;
            }
        });
    }
}
