using Multiprocessing.Hosting;

namespace Multiprocessing.Platform;

/// <summary>
/// What the library does when the process exits normally, in a fixed order, from one <see cref="AppDomain.ProcessExit"/>
/// handler (separate handlers run in the order they were added, which depends on what the program used first). First the
/// records in shared memory (a queue's or pipe's openers), while this process can still prove it runs; then its files,
/// its identity last among them. No step unmaps memory: a background thread may still be inside a queue or an array,
/// and the system unmaps everything when the process ends.
/// </summary>
internal static class ExitSteps
{
    /// <summary>The steps, in the order they run.</summary>
    public enum Step
    {
        /// <summary>Leave the shared records of the queues, pipes and barriers still open (<see cref="Sync.SyncMemory"/>).</summary>
        LeaveSharedRecords,

        /// <summary>Delete the files this process holds (<see cref="ProcessFiles"/>).</summary>
        DeleteFiles,
    }

    static readonly Action?[] Steps = new Action?[Enum.GetValues<Step>().Length];
    static int _registered;

    /// <summary>Sets what <paramref name="step"/> does; the first call adds the handler.</summary>
    public static void Set(Step step, Action action)
    {
        lock (Steps)
            Steps[(int)step] = action;
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
    }

    static void RunAll()
    {
        Action?[] steps;
        lock (Steps)
            steps = [.. Steps];
        foreach (var step in steps)
            step?.Invoke();
    }
}
