namespace Multiprocessing.Measurements;

/// <summary>
/// The order a pull-based pool gives, worked out rather than measured: Python's <c>multiprocessing.Pool</c>, where each
/// idle worker takes the next task in the order they were given, and a task costs exactly its duration (no overhead).
/// A lesson prints it beside the order a real pool produced.
/// </summary>
public static class PoolSchedule
{
    /// <summary>
    /// Every task with its worker, start and end, in the order they start (which is the order given): at first each of
    /// the <paramref name="workers"/> takes one, then whichever worker finishes first takes the next
    /// (the lower-numbered one on a tie).
    /// </summary>
    /// <param name="durations">How long each task runs, in the order given.</param>
    /// <param name="workers">Workers in the pool.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="durations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="workers"/> is below 1 or a duration is negative.</exception>
    public static IReadOnlyList<ScheduledTask> Simulate(IReadOnlyList<TimeSpan> durations, int workers)
    {
        ArgumentNullException.ThrowIfNull(durations);
        if (workers < 1)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"workers must be at least 1, not {workers}.");
        int negative = durations.ToList().FindIndex(d => d < TimeSpan.Zero);
        if (negative >= 0)
            throw new ArgumentOutOfRangeException(nameof(durations), durations[negative], $"Durations must be 0 or more; task {negative} has {durations[negative]}.");
        var free = new TimeSpan[workers]; // when each worker is next idle
        var tasks = new List<ScheduledTask>(durations.Count);
        for (int i = 0; i < durations.Count; i++)
        {
            int worker = 0;
            for (int w = 1; w < workers; w++)
                if (free[w] < free[worker])
                    worker = w;
            tasks.Add(new ScheduledTask(i, worker, free[worker], free[worker] + durations[i]));
            free[worker] += durations[i];
        }
        return tasks;
    }

    /// <summary>
    /// Equivalent of the order <c>Pool.imap_unordered</c> yields results in Python: the indexes of the tasks as they finish
    /// (ties in the order they started). For lesson 5's naps [400, 50, 250, 10, 150, 300, 20, 100] on 4 workers, the
    /// tasks finish as 10, 50, 150, 20, 250, 100, 300, 400.
    /// </summary>
    /// <param name="durations">How long each task runs, in the order given.</param>
    /// <param name="workers">Workers in the pool.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="durations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="workers"/> is below 1 or a duration is negative.</exception>
    public static IReadOnlyList<int> CompletionOrder(IReadOnlyList<TimeSpan> durations, int workers) =>
        Simulate(durations, workers).OrderBy(t => t.End).ThenBy(t => t.Start).ThenBy(t => t.Index).Select(t => t.Index).ToArray();

    /// <summary>
    /// The indexes of the tasks in the order they start. In a pull-based pool that is always the order given
    /// (0, 1, 2, …): an idle worker takes the next task, whatever the durations.
    /// </summary>
    /// <param name="durations">How long each task runs, in the order given.</param>
    /// <param name="workers">Workers in the pool.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="durations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="workers"/> is below 1 or a duration is negative.</exception>
    public static IReadOnlyList<int> StartOrder(IReadOnlyList<TimeSpan> durations, int workers) =>
        Simulate(durations, workers).OrderBy(t => t.Start).ThenBy(t => t.Index).Select(t => t.Index).ToArray();

    /// <summary>When the last task ends: the shortest time the map can take on <paramref name="workers"/> workers, in this order.</summary>
    /// <param name="durations">How long each task runs, in the order given.</param>
    /// <param name="workers">Workers in the pool.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="durations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="workers"/> is below 1 or a duration is negative.</exception>
    public static TimeSpan Makespan(IReadOnlyList<TimeSpan> durations, int workers) =>
        Simulate(durations, workers).Select(t => t.End).DefaultIfEmpty(TimeSpan.Zero).Max();
}
