using System.Collections.Concurrent;
using System.Diagnostics;

namespace Multiprocessing.Platform;

/// <summary>
/// Starts processes from one long-lived thread. On Linux a child's parent-death signal fires when the thread that
/// forked it exits, so forking from a thread-pool thread (which retires when idle) would kill healthy children.
/// Workers and the cluster's silos are both started here.
/// </summary>
internal static class ProcessStarter
{
    static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = new();

    static ProcessStarter()
    {
        new Thread(() =>
        {
            foreach (var (info, started) in Requests.GetConsumingEnumerable())
            {
                try { started.SetResult(Process.Start(info)!); }
                catch (Exception e) { started.SetException(e); }
            }
        }) { IsBackground = true, Name = "process starter" }.Start();
    }

    /// <summary>Equivalent of <see cref="Process.Start(ProcessStartInfo)"/>, run on the starter thread.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }
}
