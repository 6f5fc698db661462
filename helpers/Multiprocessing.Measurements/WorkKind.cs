namespace Multiprocessing.Measurements;

/// <summary>What the timed work does, which decides the best speedup to hope for and whether a chart draws it.</summary>
public enum WorkKind
{
    /// <summary>It keeps a core busy: the ideal is one per worker, but never more than the cores.</summary>
    Cpu,

    /// <summary>It waits (sleep, disk, network): waits overlap on any number of cores, so the ideal is one per worker, but never more than the items.</summary>
    Waiting,

    /// <summary>It measures a cost (start-up, copying), not parallel work: there is no ideal speedup, and charts draw none.</summary>
    Overhead,
}
