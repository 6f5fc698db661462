using System.Globalization;
using System.Text;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// The result of <see cref="Compare.Sweep{TResult}"/>, speedups as the work per item grows, showing where parallel work
/// starts to pay for its overhead; or of <see cref="Compare.ChunksizeSweep{T, TResult}"/>, median times at each chunksize.
/// </summary>
public sealed class SweepResult
{
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

    /// <summary>What changed from point to point: "work per item" or "chunksize".</summary>
    public string Varied { get; }

    /// <summary>
    /// True when the chart and table show each mode's median time rather than its speedup: when the loop's time does not
    /// change from point to point (a chunksize sweep), the times themselves are what differ.
    /// </summary>
    public bool ShowsTimes { get; }

    /// <summary>Workers in each pool.</summary>
    public int Workers { get; }

    /// <summary>The machine the timings come from.</summary>
    public MachineInfo Machine { get; }

    /// <summary>Every mode at every setting, in the order measured.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>The best speedup to hope for, and why: <see cref="Measurements.Ideal.ForCpu"/> of the items, workers and cores.</summary>
    public Ideal Ideal => Ideal.ForCpu(Items, Workers, Machine.Cores);

    /// <summary>Equivalent of <c>Ideal.Speedup</c>: 8 items on 3 cores give 2.67.</summary>
    public double IdealSpeedup => Ideal.Speedup;

    /// <summary>The smallest setting at which <paramref name="mode"/> beat the sequential loop, or null if it never did.</summary>
    public int? BreakEven(RunMode mode) =>
        Points.Where(p => p.Mode == mode && p.Speedup > 1).Select(p => (int?)p.Setting).Min();

    /// <summary>
    /// Speedup (or, when <see cref="ShowsTimes"/>, median time) against the varied setting on a log axis, one line per mode;
    /// a speedup chart has the ideal speedup dashed.
    /// </summary>
    public GenericChart ToChart() => SweepChart.Build(SweepChart.Data(this));

    /// <summary>An HTML fragment: the chart, a table of <see cref="Points"/>, and the machine.</summary>
    public string ToHtml() =>
        PlotlyStyle.ToHtml(ToChart())
        + HtmlTable.Build([Varied, .. Modes.Select(m => m.Name())], Settings.Select(setting => (IReadOnlyList<string>)
            [setting.ToString(CultureInfo.InvariantCulture), .. Modes.Select(mode => Cell(setting, mode))]))
        + $"<p><small>{System.Net.WebUtility.HtmlEncode($"{Workers} workers on {Machine}")}</small></p>";

    RunMode[] Modes => Points.Select(p => p.Mode).Distinct().Order().ToArray();

    IEnumerable<int> Settings => Points.Select(p => p.Setting).Distinct().Order();

    /// <summary>
    /// A table cell, the same in <see cref="ToString"/> and <see cref="ToHtml"/>: the mode's median time when
    /// <see cref="ShowsTimes"/>, else its speedup, at one setting; empty where it was not measured.
    /// </summary>
    string Cell(int setting, RunMode mode) =>
        Points.FirstOrDefault(p => p.Setting == setting && p.Mode == mode) is { } point
            ? (ShowsTimes ? point.Median.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : point.Speedup.ToString("0.00", CultureInfo.InvariantCulture) + "×")
            : "";

    /// <summary>
    /// A plain-text table of what <see cref="ToHtml"/> shows (median times for a chunksize sweep, speedups otherwise),
    /// one row per setting, and where each mode breaks even.
    /// </summary>
    public override string ToString()
    {
        var modes = Modes;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Title}: {(ShowsTimes ? "median time" : "speedup")} by {Varied}, {Workers} workers");
        text.Append(CultureInfo.InvariantCulture, $"{Varied,12}");
        foreach (var mode in modes)
            text.Append(CultureInfo.InvariantCulture, $"{mode.Name(),18}");
        text.AppendLine();
        foreach (var setting in Settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{setting,12}");
            foreach (var mode in modes)
                text.Append(CultureInfo.InvariantCulture, $"{Cell(setting, mode),18}");
            text.AppendLine();
        }
        foreach (var mode in modes.Where(m => m != RunMode.Sequential))
            text.AppendLine(CultureInfo.InvariantCulture, $"{mode} break even: {(BreakEven(mode) is int w ? $"{Varied} {w}" : "never")}");
        text.Append(CultureInfo.InvariantCulture, $"machine: {Machine}; ideal speedup {Ideal} ({Ideal.Reason})");
        return text.ToString();
    }
}
