using System.Collections.Concurrent;
using System.Diagnostics;

namespace Multiprocessing.Platform;

/// <summary>
/// Starts processes from one long-lived thread. On Linux a child's parent-death signal fires when the thread that
/// forked it exits, so forking from a thread-pool thread (which retires when idle) would kill healthy children.
/// Workers, children and the cluster's silos are all started here, one at a time, so a child's inheritable pipe ends
/// exist only while that child starts (<see cref="Parent.ChildPipes"/>).
/// </summary>
internal static class ProcessStarter
{
    static readonly BlockingCollection<Action> Requests = new();

    static ProcessStarter()
    {
        new Thread(() =>
        {
            foreach (var request in Requests.GetConsumingEnumerable())
                request();
        }) { IsBackground = true, Name = "process starter" }.Start();
    }

    /// <summary>Runs <paramref name="start"/> on the starter thread, after the starts asked for before it.</summary>
    public static Task<T> RunAsync<T>(Func<T> start)
    {
        var started = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add(() =>
        {
            try { started.SetResult(start()); }
            catch (Exception e) { started.SetException(e); }
        });
        return started.Task;
    }

    /// <summary>Equivalent of <see cref="Process.Start(ProcessStartInfo)"/>, run on the starter thread.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info) => RunAsync(() => Process.Start(info)!);
}
