using System.Globalization;
using System.Text;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// The result of <see cref="Compare.Sweep{TResult}"/>, speedups as the work per item grows, showing where parallel work
/// starts to pay for its overhead; of <see cref="Compare.WorkersSweep{T, TResult}"/>, speedups as the workers grow; or of
/// <see cref="Compare.ChunksizeSweep{T, TResult}"/>, median times at each chunksize.
/// </summary>
public sealed class SweepResult
{
    /// <summary>The <see cref="Varied"/> of a sweep over worker counts, whose ideal changes from point to point.</summary>
    public const string WorkersVaried = "workers";

    /// <summary>Holds finished measurements; <see cref="Compare.Sweep{TResult}"/> is the way to make them.</summary>
    internal SweepResult(string title, string varied, int workers, MachineInfo machine, IReadOnlyList<SweepPoint> points, bool showsTimes = false, int items = 0)
    {
        ArgumentNullException.ThrowIfNull(varied);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            throw new ArgumentException("A sweep needs at least one point; measure one work size or more.", nameof(points));
        Title = title;
        Varied = varied;
        ShowsTimes = showsTimes;
        Workers = workers;
        Machine = machine;
        Points = points;
        Items = items;
    }

    /// <summary>How many items each run processed; 0 when not known, which leaves them out of <see cref="Ideal"/>.</summary>
    public int Items { get; }

    /// <summary>What was measured, as the caller named it.</summary>
    public string Title { get; }

    /// <summary>What changed from point to point: "work per item", "workers" or "chunksize".</summary>
    public string Varied { get; }

    /// <summary>
    /// True when the chart and table show each mode's median time rather than its speedup: when the loop's time does not
    /// change from point to point (a chunksize sweep), the times themselves are what differ.
    /// </summary>
    public bool ShowsTimes { get; }

    /// <summary>Workers in each pool; in a sweep over worker counts, the largest count.</summary>
    public int Workers { get; }

    /// <summary>The machine the timings come from.</summary>
    public MachineInfo Machine { get; }

    /// <summary>Every mode at every setting, in the order measured.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>The best speedup to hope for, and why: <see cref="Measurements.Ideal.ForCpu"/> of the items, workers and cores.</summary>
    public Ideal Ideal => Ideal.ForCpu(Items, Workers, Machine.Cores);

    /// <summary>
    /// The ideal at one point: in a sweep over worker counts, <see cref="Measurements.Ideal.ForCpu"/> of the items,
    /// <paramref name="setting"/> workers and the cores; otherwise <see cref="Ideal"/>, the same at every point.
    /// </summary>
    public Ideal IdealAt(int setting) => Varied == WorkersVaried ? Ideal.ForCpu(Items, setting, Machine.Cores) : Ideal;

    /// <summary>Equivalent of <c>Ideal.Speedup</c>: 8 items on 3 cores give 2.67.</summary>
    public double IdealSpeedup => Ideal.Speedup;

    /// <summary>The smallest setting at which <paramref name="mode"/> beat the sequential loop, or null if it never did.</summary>
    public int? BreakEven(RunMode mode) =>
        Points.Where(p => p.Mode == mode && p.Speedup > 1).Select(p => (int?)p.Setting).Min();

    /// <summary>The chart and table, once, for every front end: see <see cref="Figure"/>.</summary>
    public Figure ToFigure() => SweepFigure.Of(this);

    /// <summary>
    /// Equivalent of <c>ToFigure().ToPlotly()</c>: speedup (or, when <see cref="ShowsTimes"/>, median time) against the varied
    /// setting on a log axis, one line per mode; a speedup chart has the ideal speedup dashed.
    /// </summary>
    public GenericChart ToChart() => ToFigure().ToPlotly();

    /// <summary>Equivalent of <c>ToFigure().ToHtml()</c>: the chart as an image that shows everywhere (interactive where plotly.js loads), a table of <see cref="Points"/>, and the machine.</summary>
    public string ToHtml() => ToFigure().ToHtml();

    /// <summary>
    /// Equivalent of <c>ToFigure().ToString()</c>: a plain-text table of what <see cref="ToHtml"/> shows (median times for a
    /// chunksize sweep, speedups otherwise), one row per setting, and where each mode breaks even.
    /// </summary>
    public override string ToString() => ToFigure().ToString();
}
