namespace Multiprocessing.Measurements;

/// <summary>How <see cref="Compare"/> runs the work: a loop, threads, processes, a new process per item, or a cluster.</summary>
public enum RunMode
{
    /// <summary>A plain loop in this thread: the baseline every speedup is measured against.</summary>
    Sequential,

    /// <summary>A <see cref="ThreadWorkerPool"/>: threads of this process, no copying.</summary>
    Threads,

    /// <summary>A <see cref="ProcessPool"/>: worker processes, with arguments and results sent as JSON.</summary>
    Processes,

    /// <summary>
    /// A new process for every item: a <see cref="ProcessPool"/> whose workers retire after one task
    /// (<c>maxTasksPerChild: 1</c>, chunksize 1), which is what a pool saves you from.
    /// </summary>
    ProcessPerTask,

    /// <summary>
    /// A map the caller supplies that runs elsewhere, such as on a cluster of silos
    /// (<see cref="Compare.Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, Func{IReadOnlyList{T}, IReadOnlyList{TResult}}, CompareOptions?)"/>).
    /// </summary>
    Cluster,
}
