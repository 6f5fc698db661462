using System.Collections.Concurrent;

namespace Multiprocessing;

/// <summary>
/// The task runs a pool or a cluster client records for its <c>Timeline</c>: any thread adds without a lock, and a
/// long-lived pool or client keeps only its latest <see cref="Limit"/> runs, so memory stays flat. One home for the
/// process and thread pools and <c>ClusterClient</c>.
/// </summary>
internal sealed class BoundedTimeline
{
    /// <summary>How many runs are kept; older ones are dropped first.</summary>
    public const int Limit = 100_000;

    readonly ConcurrentQueue<TaskRun> _runs = new();

    /// <summary>Records <paramref name="run"/>, dropping the oldest runs past <see cref="Limit"/>.</summary>
    public void Add(TaskRun run)
    {
        _runs.Enqueue(run);
        while (_runs.Count > Limit)
            _runs.TryDequeue(out _);
    }

    /// <summary>The runs kept, by start time.</summary>
    public IReadOnlyList<TaskRun> Snapshot() => _runs.OrderBy(run => run.Start).ToArray();
}
