namespace Multiprocessing;

/// <summary>
/// The rules a map follows wherever its workers are: the process and thread pools, and the cluster
/// (<c>Multiprocessing.Cluster</c>), which reads them here so that the two cannot drift apart.
/// The other shared homes: the argument JSON (<c>Wire/ArgumentLists</c>), the timeline (<see cref="BoundedTimeline"/>)
/// and a child's start-up settings (<c>Parent/ChildLauncher</c>, <c>Parent/ChildRuntimeConfig</c>, <c>ParentCulture</c>).
/// </summary>
internal static class PoolRules
{
    /// <summary>Python's rule: about four chunks per worker, <paramref name="items"/> ÷ (4 × <paramref name="workers"/>) rounded up, at least 1.</summary>
    public static int DefaultChunksize(int items, int workers)
    {
        if (items == 0)
            return 1;
        int chunksize = Math.DivRem(items, workers * 4, out int extra);
        return extra > 0 ? chunksize + 1 : chunksize;
    }

    /// <summary>Throws Python's error for a chunksize below 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="chunksize"/> is below 1.</exception>
    public static void CheckChunksize(int chunksize)
    {
        if (chunksize <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunksize), chunksize, $"Chunksize must be 1+, not {chunksize}.");
    }
}
