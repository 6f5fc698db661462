using System.Globalization;
using System.Text;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// The result of <see cref="Compare.Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, CompareOptions?)"/>: the same work timed in each <see cref="RunMode"/> it was asked for
/// (by default sequentially, with threads and with processes). Print it for a table, or call <see cref="ToChart"/> or <see cref="ToHtml"/> to draw it.
/// </summary>
public sealed class Comparison
{
    static readonly IReadOnlyList<TaskRun> NoRuns = [];

    readonly IReadOnlyDictionary<RunMode, IReadOnlyList<TaskRun>> _timelines;

    /// <summary>Holds finished measurements; <see cref="Compare.Run{T, TResult}(string, Func{T, TResult}, IEnumerable{T}, CompareOptions?)"/> is the way to make them.</summary>
    internal Comparison(string title, int workers, int items, IReadOnlyList<ModeTiming> modes, MachineInfo machine,
        IReadOnlyDictionary<RunMode, IReadOnlyList<TaskRun>>? timelines = null, WorkKind work = WorkKind.Cpu)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(machine);
        if (workers < 1)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "A comparison needs at least 1 worker.");
        if (!modes.Any(m => m.Mode == RunMode.Sequential))
            throw new ArgumentException("A comparison needs a Sequential timing: every speedup is measured against it.", nameof(modes));
        Title = title;
        Workers = workers;
        Items = items;
        Modes = modes.OrderBy(m => m.Mode).ToArray();
        Machine = machine;
        Work = work;
        _timelines = timelines ?? new Dictionary<RunMode, IReadOnlyList<TaskRun>>();
    }

    /// <summary>What was measured, as the caller named it.</summary>
    public string Title { get; }

    /// <summary>Workers in each pool.</summary>
    public int Workers { get; }

    /// <summary>How many items each run processed; 0 when the caller timed its own actions.</summary>
    public int Items { get; }

    /// <summary>The timings, in <see cref="RunMode"/> order: Sequential first, then Threads, Processes and ProcessPerTask where measured.</summary>
    public IReadOnlyList<ModeTiming> Modes { get; }

    /// <summary>The machine the timings come from.</summary>
    public MachineInfo Machine { get; }

    /// <summary>What the timed work does: it decides <see cref="IdealSpeedup"/>.</summary>
    public WorkKind Work { get; }

    /// <summary>
    /// The best speedup to hope for. CPU work: one per worker, but never more than the cores that run them.
    /// Waiting: one per worker, but never more than the items. An overhead has none (null).
    /// </summary>
    public int? IdealSpeedup => Work switch
    {
        WorkKind.Cpu => Math.Min(Workers, Machine.Cores),
        WorkKind.Waiting => Items > 0 ? Math.Min(Workers, Items) : Workers,
        _ => null,
    };

    /// <summary>
    /// True when <paramref name="mode"/> beat the loop by more than the runs' spread can explain: its slowest run was
    /// faster than the loop's fastest. False also when the ranges overlap: then the difference may be noise.
    /// </summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public bool ClearlyFaster(RunMode mode) => Timing(mode).Max < Timing(RunMode.Sequential).Min;

    /// <summary>True when <paramref name="mode"/>'s fastest run was slower than the loop's slowest.</summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public bool ClearlySlower(RunMode mode) => Timing(mode).Min > Timing(RunMode.Sequential).Max;

    /// <summary>
    /// The time to expect from a parallel mode: the loop's median shared by <see cref="IdealSpeedup"/> workers,
    /// plus <paramref name="startup"/> (what starting the workers and sending the data cost, measured elsewhere).
    /// </summary>
    /// <exception cref="InvalidOperationException">Throws for overhead work, which has no ideal speedup.</exception>
    public TimeSpan Predicted(TimeSpan startup) =>
        Timing(RunMode.Sequential).Median / (IdealSpeedup ?? throw new InvalidOperationException("Overhead work has no ideal speedup, so no predicted time; use WorkKind.Cpu or WorkKind.Waiting.")) + startup;

    /// <summary>
    /// One sentence on <paramref name="mode"/> against the loop, held to the spread of the runs: how much faster or slower,
    /// the ideal, the cores it kept busy on average, and, when it fell short of the ideal while using few cores,
    /// that something else was using a core.
    /// </summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public string Verdict(RunMode mode)
    {
        var text = new StringBuilder(mode.Name() + ": ");
        text.Append(ClearlyFaster(mode) ? Faster(mode) + " than the loop"
            : ClearlySlower(mode) ? Faster(mode) + " than the loop"
            : $"{Faster(mode)} than the loop, but within the spread of the runs, so no clear difference");
        if (IdealSpeedup is { } ideal)
            text.Append(CultureInfo.InvariantCulture, $" (ideal {ideal}× faster)");
        var timing = Timing(mode);
        if (timing.CoresUsed is { } cores)
        {
            text.Append(CultureInfo.InvariantCulture, $"; it kept {cores:0.0} cores busy on average");
            if (Work == WorkKind.Cpu && IdealSpeedup is { } cpuIdeal && cpuIdeal > 1 && Speedup(mode) < 0.85 * cpuIdeal)
                text.Append(cores < 0.85 * cpuIdeal
                    ? string.Create(CultureInfo.InvariantCulture, $", fewer than its {cpuIdeal} workers could: something else was using a core")
                    : ", so the time it lost went to overhead (starting workers, copying data), not to a lack of cores");
        }
        return text.Append('.').ToString();
    }

    /// <summary>The timing of <paramref name="mode"/>.</summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public ModeTiming Timing(RunMode mode) =>
        Modes.FirstOrDefault(m => m.Mode == mode)
        ?? throw new ArgumentException($"This comparison has no {mode} timing; ask for one of: {string.Join(", ", Modes.Select(m => m.Mode))}.", nameof(mode));

    /// <summary>Sequential median divided by the median of <paramref name="mode"/>: 2.0 means twice as fast, 0.5 half as fast.</summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public double Speedup(RunMode mode) =>
        (double)Timing(RunMode.Sequential).Median.Ticks / Timing(mode).Median.Ticks;

    /// <summary>
    /// <see cref="Speedup"/> in words for a sentence: "1.9× faster" or, below 1, the slowdown: "12× slower".
    /// </summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public string Faster(RunMode mode) => ComparisonChart.SpeedupLabel(Speedup(mode));

    /// <summary>
    /// The tasks the pool of <paramref name="mode"/> ran in the last timed repeat: which worker, how many items, when.
    /// Empty for <see cref="RunMode.Sequential"/>, which has no pool.
    /// </summary>
    public IReadOnlyList<TaskRun> Timeline(RunMode mode) => _timelines.GetValueOrDefault(mode, NoRuns);

    /// <summary>
    /// Equivalent of <c>TimelineChart.For(Timeline(mode), ...)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Throws for <see cref="RunMode.Sequential"/>, which has no workers to draw, and for a mode whose timeline is empty.</exception>
    public Figure TimelineChart(RunMode mode)
    {
        if (mode == RunMode.Sequential)
            throw new ArgumentException("Sequential runs have no pool, so no timeline; ask for RunMode.Threads or RunMode.Processes.", nameof(mode));
        return Measurements.TimelineChart.For(Timeline(mode), $"{Title}: {mode} timeline<br><sub>{Workers} workers · {Machine}</sub>");
    }

    /// <summary>One row per mode, in milliseconds: what <see cref="ToString"/> and <see cref="ToHtml"/> show.</summary>
    public IReadOnlyList<ComparisonRow> Rows => Modes
        .Select(m => new ComparisonRow(m.Mode, m.Median.TotalMilliseconds, m.Min.TotalMilliseconds, m.Max.TotalMilliseconds, Speedup(m.Mode), m.CoresUsed))
        .ToArray();

    /// <summary>The chart and table, once, for every front end: see <see cref="Figure"/>.</summary>
    public Figure ToFigure() => ComparisonFigure.Of(this);

    /// <summary>Equivalent of <c>ToFigure().ToPlotly()</c>: a column chart of the medians, min–max error bars, speedup labels, and a dashed line where the ideal speedup would be.</summary>
    public GenericChart ToChart() => ToFigure().ToPlotly();

    /// <summary>Equivalent of <c>ToFigure().ToHtml()</c>: the chart as an image that shows everywhere (interactive where plotly.js loads), a table of <see cref="Rows"/>, and the machine.</summary>
    public string ToHtml() => ToFigure().ToHtml();

    /// <summary>"10 items, 2 workers", or "15 workers" when the caller timed its own actions.</summary>
    internal string Scale
    {
        get
        {
            var workers = Workers == 1 ? "1 worker" : $"{Workers} workers";
            return Items > 0 ? $"{Items} {(Items == 1 ? "item" : "items")}, {workers}" : workers;
        }
    }

    /// <summary>Equivalent of <c>ToFigure().ToString()</c>: a plain-text table of <see cref="Rows"/> and a line naming the machine.</summary>
    public override string ToString() => ToFigure().ToString();
}
