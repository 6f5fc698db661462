namespace Multiprocessing.Measurements;

/// <summary>How <see cref="Compare"/> measures: how many workers, how many timed repeats, and what the timing includes.</summary>
/// <param name="Workers">Workers in each pool; null means <see cref="Environment.ProcessorCount"/>.</param>
/// <param name="Repeats">Timed runs of each mode; the median of them is reported.</param>
/// <param name="Warmups">
/// Untimed runs of each mode first, so JIT compilation and caches do not count; before them, <see cref="Compare"/> also
/// calls the function until it runs optimized code in this process.
/// </param>
/// <param name="Chunksize">Passed to <see cref="WorkerPool.Map{T, TResult}"/>; null means the pool's default.</param>
/// <param name="NewPoolEachRepeat">
/// True: every repeat creates, uses and disposes a fresh pool, so start-up is in the time, as a program pays it.
/// False: one warm pool per mode is reused and only <c>Map</c> is timed; a process per task still starts a fresh pool
/// each repeat, since every one of its tasks starts a process anyway.
/// </param>
/// <param name="Modes">The ways to time; null means Sequential, Threads and Processes. Sequential must be among them.</param>
/// <param name="Work">What the work does, for the ideal speedup: CPU work (the default), waiting, or an overhead with no ideal.</param>
public sealed record CompareOptions(int? Workers = null, int Repeats = 5, int Warmups = 1, int? Chunksize = null, bool NewPoolEachRepeat = true,
    IReadOnlyList<RunMode>? Modes = null, WorkKind Work = WorkKind.Cpu)
{
    static readonly RunMode[] DefaultModes = [RunMode.Sequential, RunMode.Threads, RunMode.Processes];

    /// <summary>The modes to time, in order: <see cref="Modes"/>, or Sequential, Threads and Processes when it is null.</summary>
    public IReadOnlyList<RunMode> ModesToRun => Modes is null ? DefaultModes : Modes.Distinct().Order().ToArray();

    /// <summary>The worker count to use: <see cref="Workers"/>, or the processor count when it is null.</summary>
    public int WorkerCount => Workers ?? Environment.ProcessorCount;

    /// <summary>Checks the values before anything is measured; <see cref="Compare"/> calls it first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when a value cannot be measured with (Repeats below 1, Warmups below 0, Workers or Chunksize below 1).</exception>
    /// <exception cref="ArgumentException">Throws when <see cref="Modes"/> leaves out <see cref="RunMode.Sequential"/>.</exception>
    public void Check()
    {
        if (Repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, $"Repeats must be at least 1, not {Repeats}: a median needs one timed run or more.");
        if (Warmups < 0)
            throw new ArgumentOutOfRangeException(nameof(Warmups), Warmups, $"Warmups must be 0 or more, not {Warmups}; use 0 to time from the first run.");
        if (Workers is < 1)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, $"Workers must be at least 1, not {Workers}; use null for one per core.");
        if (Chunksize is < 1)
            throw new ArgumentOutOfRangeException(nameof(Chunksize), Chunksize, $"Chunksize must be 1+, not {Chunksize}; use null for the pool's default.");
        if (Modes is not null && !Modes.Contains(RunMode.Sequential))
            throw new ArgumentException(
                $"Modes must include RunMode.Sequential, the baseline every speedup is measured against; got [{string.Join(", ", Modes)}].", nameof(Modes));
    }
}
