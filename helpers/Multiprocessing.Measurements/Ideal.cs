using System.Globalization;

namespace Multiprocessing.Measurements;

/// <summary>
/// The best speedup to hope for, and why it is that: what a lesson prints beside a measured speedup.
/// <see cref="ToString"/> gives it as a table would ("8×", "2.67×").
/// </summary>
/// <param name="Speedup">How many times faster than the loop the work could run at best; fractional when the items do not share out evenly.</param>
/// <param name="Reason">Why, in words that fit after "ideal 8×: ", such as "8 items can keep at most 8 workers busy".</param>
public sealed record Ideal(double Speedup, string Reason)
{
    /// <summary>
    /// Equivalent of <c>items / ceil(items / min(workers, cores))</c>: equal CPU-bound items run in rounds of one per core
    /// (or per worker, when there are fewer workers), so the slowest round sets the time. 8 items on 12 cores: 8×;
    /// on 6 cores: 4× (two rounds); on 3 cores: 2.67× (three rounds, the last one part-full).
    /// </summary>
    /// <param name="items">How many equal items a run processes; 0 when the caller timed its own actions, which leaves the items out.</param>
    /// <param name="workers">Workers in the pool.</param>
    /// <param name="cores">Logical processors of the machine, as <see cref="Environment.ProcessorCount"/> reports them.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="items"/> is negative, or <paramref name="workers"/> or <paramref name="cores"/> is below 1.</exception>
    public static Ideal ForCpu(int items, int workers, int cores)
    {
        Check(items, workers);
        if (cores < 1)
            throw new ArgumentOutOfRangeException(nameof(cores), cores, $"cores must be at least 1, not {cores}; pass Environment.ProcessorCount.");
        int atOnce = Math.Min(workers, cores);
        string runners = workers > cores ? Count(cores, "core") : Count(workers, "worker");
        if (items > 0 && items < atOnce)
            return ItemsLimit(items);
        if (items == 0 || items % atOnce == 0)
            return new Ideal(atOnce, workers > cores
                ? $"{Count(cores, "core")} {(cores == 1 ? "runs" : "run")} at most {atOnce} of the {workers} workers at a time"
                : workers == 1 ? "1 worker runs one item at a time" : $"{runners}, each on a core of its own");
        int rounds = (items + atOnce - 1) / atOnce;
        return new Ideal((double)items / rounds, $"{Count(items, "item")} take {rounds} rounds on {runners}, the last one part-full");
    }

    /// <summary>
    /// Equivalent of <c>min(workers, items)</c>: waits (sleep, disk, network) overlap on any number of cores, one per worker,
    /// but a run cannot keep more workers busy than it has items.
    /// </summary>
    /// <param name="items">How many items a run processes; 0 when the caller timed its own actions, which leaves the items out.</param>
    /// <param name="workers">Workers in the pool.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="items"/> is negative or <paramref name="workers"/> is below 1.</exception>
    public static Ideal ForWaiting(int items, int workers)
    {
        Check(items, workers);
        return items > 0 && items < workers
            ? ItemsLimit(items)
            : new Ideal(workers, workers == 1 ? "1 worker waits at a time" : $"the {workers} workers' waits overlap, on any number of cores");
    }

    /// <summary>The speedup as a table shows it: "8×", "2.67×", "1.5×".</summary>
    public override string ToString() => Format(Speedup);

    /// <summary>A speedup with at most two decimals and a times sign: 8 as "8×", 8/3 as "2.67×".</summary>
    public static string Format(double speedup) => speedup.ToString("0.##", CultureInfo.InvariantCulture) + "×";

    static Ideal ItemsLimit(int items) =>
        new(items, $"{Count(items, "item")} can keep at most {Count(items, "worker")} busy");

    static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    static void Check(int items, int workers)
    {
        if (items < 0)
            throw new ArgumentOutOfRangeException(nameof(items), items, $"items must be 0 or more, not {items}; use 0 when there are no items to share out.");
        if (workers < 1)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"workers must be at least 1, not {workers}.");
    }
}
