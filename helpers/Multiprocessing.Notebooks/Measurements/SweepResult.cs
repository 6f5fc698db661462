using System.Globalization;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// The result of <see cref="Compare.Sweep{TResult}"/>: speedups as the work per item grows, showing where
/// parallel work starts to pay for its overhead.
/// </summary>
public sealed class SweepResult
{
    /// <summary>Holds finished measurements; <see cref="Compare.Sweep{TResult}"/> is the way to make them.</summary>
    internal SweepResult(string title, int workers, MachineInfo machine, IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            throw new ArgumentException("A sweep needs at least one point; measure one work size or more.", nameof(points));
        Title = title;
        Workers = workers;
        Machine = machine;
        Points = points;
    }

    /// <summary>What was measured, as the caller named it.</summary>
    public string Title { get; }

    /// <summary>Workers in each pool.</summary>
    public int Workers { get; }

    /// <summary>The machine the timings come from.</summary>
    public MachineInfo Machine { get; }

    /// <summary>Every mode at every work size, in the order measured.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>The best speedup to hope for: one per worker, but never more than the cores that run them.</summary>
    public int IdealSpeedup => Math.Min(Workers, Machine.Cores);

    /// <summary>The smallest work per item at which <paramref name="mode"/> beat the sequential loop, or null if it never did.</summary>
    public int? BreakEven(RunMode mode) =>
        Points.Where(p => p.Mode == mode && p.Speedup > 1).Select(p => (int?)p.WorkPerItem).Min();

    /// <summary>Speedup against work per item on a log axis, one line per mode, with the ideal speedup dashed.</summary>
    public GenericChart ToChart() => SweepChart.Build(SweepChart.Data(this));

    /// <summary>An HTML fragment: the chart, a table of <see cref="Points"/>, and the machine.</summary>
    public string ToHtml() =>
        GenericChart.toChartHTML(ToChart())
        + Formatter.ToDisplayString(Points, "text/html")
        + $"<p><small>{System.Net.WebUtility.HtmlEncode($"{Workers} workers on {Machine}")}</small></p>";

    /// <summary>A plain-text table of speedups, one row per work size, and where each mode breaks even.</summary>
    public override string ToString()
    {
        var modes = Points.Select(p => p.Mode).Distinct().Order().ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Title}: speedup by work per item, {Workers} workers");
        text.Append(CultureInfo.InvariantCulture, $"{"work/item",12}");
        foreach (var mode in modes)
            text.Append(CultureInfo.InvariantCulture, $"{mode,12}");
        text.AppendLine();
        foreach (var size in Points.Select(p => p.WorkPerItem).Distinct().Order())
        {
            text.Append(CultureInfo.InvariantCulture, $"{size,12}");
            foreach (var mode in modes)
            {
                var point = Points.FirstOrDefault(p => p.WorkPerItem == size && p.Mode == mode);
                text.Append(point is null ? $"{"",12}" : string.Create(CultureInfo.InvariantCulture, $"{point.Speedup,11:0.00}×"));
            }
            text.AppendLine();
        }
        foreach (var mode in modes.Where(m => m != RunMode.Sequential))
            text.AppendLine(CultureInfo.InvariantCulture, $"{mode} break even: {(BreakEven(mode) is int w ? $"work {w}" : "never")}");
        text.Append(CultureInfo.InvariantCulture, $"machine: {Machine}; ideal speedup {IdealSpeedup}×");
        return text.ToString();
    }
}
