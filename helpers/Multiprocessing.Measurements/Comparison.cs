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
        IReadOnlyDictionary<RunMode, IReadOnlyList<TaskRun>>? timelines = null, WorkKind work = WorkKind.Cpu, bool includesStartUp = true)
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
        IncludesStartUp = includesStartUp;
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

    /// <summary>
    /// True when every timed run started and stopped its own workers, so their start-up is in the times
    /// (<see cref="CompareOptions.NewPoolEachRepeat"/>, and the three-action form, whose actions start their own);
    /// false when warm pools were reused and only the map was timed.
    /// </summary>
    public bool IncludesStartUp { get; }

    /// <summary>What the timed work does: it decides <see cref="IdealSpeedup"/>.</summary>
    public WorkKind Work { get; }

    /// <summary>
    /// The best speedup to hope for, and why: for CPU work <see cref="Measurements.Ideal.ForCpu"/> (equal items in rounds of one
    /// per core), for waiting <see cref="Measurements.Ideal.ForWaiting"/> (one wait per worker, never more than the items).
    /// An overhead has none (null).
    /// </summary>
    public Ideal? Ideal => Work switch
    {
        WorkKind.Cpu => Measurements.Ideal.ForCpu(Items, Workers, Machine.Cores),
        WorkKind.Waiting => Measurements.Ideal.ForWaiting(Items, Workers),
        _ => null,
    };

    /// <summary>Equivalent of <c>Ideal?.Speedup</c>: 8 items on 3 cores give 2.67; null for an overhead.</summary>
    public double? IdealSpeedup => Ideal?.Speedup;

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
    /// The time to expect from a parallel mode: the loop's median divided by <see cref="IdealSpeedup"/>,
    /// plus <paramref name="startup"/> (what starting the workers and sending the data cost, measured elsewhere).
    /// </summary>
    /// <exception cref="InvalidOperationException">Throws for overhead work, which has no ideal speedup.</exception>
    public TimeSpan Predicted(TimeSpan startup) =>
        Timing(RunMode.Sequential).Median / (IdealSpeedup ?? throw new InvalidOperationException("Overhead work has no ideal speedup, so no predicted time; use WorkKind.Cpu or WorkKind.Waiting.")) + startup;

    /// <summary>
    /// One or two sentences on <paramref name="mode"/> against the loop, held to the spread of the runs: how much faster or
    /// slower; "no clear difference; run the cell again" when the runs' ranges overlap; the ideal and its reason; the cores it
    /// kept busy on average where they were measured; and, only for a clear difference in CPU-bound work that fell short of
    /// the ideal, the cause the CPU times show: its workers waiting (for a core or for work), or extra work that fits the
    /// mode (threads copy nothing; processes start and copy; a cluster ships data over the network).
    /// </summary>
    /// <exception cref="ArgumentException">Throws when that mode was not measured.</exception>
    public string Verdict(RunMode mode) => VerdictText.For(this, mode);

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
