using System.Globalization;

namespace Multiprocessing.Measurements;

/// <summary>A <see cref="Comparison"/> as a <see cref="Figure"/>: its column chart, and a table of <see cref="Comparison.Rows"/>.</summary>
internal static class ComparisonFigure
{
    /// <summary>The figure of <paramref name="comparison"/>.</summary>
    public static Figure Of(Comparison comparison)
    {
        var data = ComparisonChart.Data(comparison);
        var chart = new FigureChart(data.Title, 700, 450, () => ComparisonChart.Build(data), () => ComparisonImage.Draw(data));
        var rows = comparison.Rows;
        // Where no mode's CPU time was measured, the column would be empty.
        var cores = rows.Any(row => row.CoresUsed is not null);
        IReadOnlyList<string> headers = ["mode", "median ms", "min ms", "max ms", "speedup", .. cores ? new[] { "cores busy" } : []];
        var cells = rows.Select(row => (IReadOnlyList<string>)
        [
            row.Mode.Name(), Ms(row.MedianMs), Ms(row.MinMs), Ms(row.MaxMs),
            row.Mode == RunMode.Sequential ? "baseline" : ComparisonChart.SpeedupLabel(row.Speedup),
            .. cores ? new[] { row.CoresUsed is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) : "" } : [],
        ]).ToArray();
        var ideal = comparison.Ideal is { } best ? $"ideal speedup {best} ({best.Reason})" : "no ideal speedup (an overhead)";
        var table = new FigureTable(headers, cells, [$"{comparison.Scale} on {comparison.Machine}; {ideal}"]);
        var bars = new FigureBars("median ms", rows.Select(row => row.Mode.Name()).ToArray(), rows.Select(row => Math.Round(row.MedianMs, 1)).ToArray());
        return new Figure($"{comparison.Title}: {comparison.Scale}", chart, table, bars);
    }

    static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
}
