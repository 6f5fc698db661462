namespace Multiprocessing.Measurements;

/// <summary>A CPU time read from one or more clocks, and how far it may be off: each clock's resolution, once per reading.</summary>
/// <param name="Used">The CPU time.</param>
/// <param name="Uncertainty">How far <paramref name="Used"/> may be from the truth.</param>
internal readonly record struct CpuReading(TimeSpan Used, TimeSpan Uncertainty)
{
    public static readonly CpuReading Zero = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Two clocks read together: the times add, and so do their errors.</summary>
    public static CpuReading operator +(CpuReading a, CpuReading b) => new(a.Used + b.Used, a.Uncertainty + b.Uncertainty);

    /// <summary>The CPU time used between two readings: the times subtract, but the errors of both readings add.</summary>
    public static CpuReading operator -(CpuReading later, CpuReading earlier) =>
        new(later.Used - earlier.Used, later.Uncertainty + earlier.Uncertainty);
}
