using System.Globalization;
using System.Text;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// The result of <see cref="Compare.Run{T, TResult}"/>: the same work timed in each <see cref="RunMode"/> it was asked for
/// (by default sequentially, with threads and with processes). Print it for a table, or call <see cref="ToChart"/> or <see cref="ToHtml"/> to draw it.
/// </summary>
public sealed class Comparison
{
    static readonly IReadOnlyList<TaskRun> NoRuns = [];

    readonly IReadOnlyDictionary<RunMode, IReadOnlyList<TaskRun>> _timelines;

    /// <summary>Holds finished measurements; <see cref="Compare.Run{T, TResult}"/> is the way to make them.</summary>
    internal Comparison(string title, int workers, int items, IReadOnlyList<ModeTiming> modes, MachineInfo machine,
        IReadOnlyDictionary<RunMode, IReadOnlyList<TaskRun>>? timelines = null)
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

    /// <summary>The best speedup to hope for: one per worker, but never more than the cores that run them.</summary>
    public int IdealSpeedup => Math.Min(Workers, Machine.Cores);

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
    public GenericChart TimelineChart(RunMode mode)
    {
        if (mode == RunMode.Sequential)
            throw new ArgumentException("Sequential runs have no pool, so no timeline; ask for RunMode.Threads or RunMode.Processes.", nameof(mode));
        return Measurements.TimelineChart.For(Timeline(mode), $"{Title}: {mode} timeline<br><sub>{Workers} workers · {Machine}</sub>");
    }

    /// <summary>One row per mode, in milliseconds: what <see cref="ToString"/> and <see cref="ToHtml"/> show.</summary>
    public IReadOnlyList<ComparisonRow> Rows => Modes
        .Select(m => new ComparisonRow(m.Mode, m.Median.TotalMilliseconds, m.Min.TotalMilliseconds, m.Max.TotalMilliseconds, Speedup(m.Mode)))
        .ToArray();

    /// <summary>A column chart: median per mode, min–max error bars, speedup labels, and a dashed line where the ideal speedup would be.</summary>
    public GenericChart ToChart() => ComparisonChart.Build(ComparisonChart.Data(this));

    /// <summary>An HTML fragment: the chart, a table of <see cref="Rows"/>, and the machine.</summary>
    public string ToHtml() =>
        PlotlyStyle.ToHtml(ToChart())
        + HtmlTable.Build(["mode", "median ms", "min ms", "max ms", "speedup"], Rows.Select(r => (IReadOnlyList<string>)
            [r.Mode.Name(), Ms(r.MedianMs), Ms(r.MinMs), Ms(r.MaxMs), r.Mode == RunMode.Sequential ? "baseline" : ComparisonChart.SpeedupLabel(r.Speedup)]))
        + $"<p><small>{System.Net.WebUtility.HtmlEncode($"{Scale} on {Machine}")}</small></p>";

    /// <summary>"10 items, 2 workers", or "15 workers" when the caller timed its own actions.</summary>
    internal string Scale
    {
        get
        {
            var workers = Workers == 1 ? "1 worker" : $"{Workers} workers";
            return Items > 0 ? $"{Items} {(Items == 1 ? "item" : "items")}, {workers}" : workers;
        }
    }

    static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>A plain-text table of <see cref="Rows"/> and a line naming the machine.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Title}: {Scale}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"mode",-18}{"median ms",12}{"min ms",12}{"max ms",12}{"speedup",10}");
        foreach (var row in Rows)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Mode.Name(),-18}{row.MedianMs,12:0.00}{row.MinMs,12:0.00}{row.MaxMs,12:0.00}{row.Speedup,9:0.00}×");
        text.Append(CultureInfo.InvariantCulture, $"machine: {Machine}; ideal speedup {IdealSpeedup}×");
        return text.ToString();
    }
}
