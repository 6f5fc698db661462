using System.Globalization;

namespace Multiprocessing.Measurements;

/// <summary>A <see cref="SweepResult"/> as a <see cref="Figure"/>: its line chart, and a table of each mode at each setting.</summary>
internal static class SweepFigure
{
    /// <summary>The figure of <paramref name="sweep"/>.</summary>
    public static Figure Of(SweepResult sweep)
    {
        var data = SweepChart.Data(sweep);
        var chart = new FigureChart(data.Title, 700, 450, () => SweepChart.Build(data), () => SweepImage.Draw(data));
        var modes = sweep.Points.Select(p => p.Mode).Distinct().Order().ToArray();
        var settings = sweep.Points.Select(p => p.Setting).Distinct().Order().ToArray();
        IReadOnlyList<string> headers = [sweep.Varied, .. modes.Select(mode => mode.Name())];
        var rows = settings.Select(setting => (IReadOnlyList<string>)
            [setting.ToString(CultureInfo.InvariantCulture), .. modes.Select(mode => Cell(sweep, setting, mode))]).ToArray();
        var notes = modes.Where(mode => mode != RunMode.Sequential)
            .Select(mode => $"{mode.Name()} break even: {(sweep.BreakEven(mode) is int at ? $"{sweep.Varied} {at}" : "never")}")
            .Append(sweep.Varied == SweepResult.WorkersVaried
                ? $"{sweep.Items} items on {sweep.Machine}; ideal speedup at {sweep.Workers} workers {sweep.Ideal} ({sweep.Ideal.Reason})"
                : $"{sweep.Workers} workers on {sweep.Machine}; ideal speedup {sweep.Ideal} ({sweep.Ideal.Reason})")
            .ToArray();
        var points = sweep.Points.OrderBy(p => p.Mode).ThenBy(p => p.Setting).ToArray();
        var bars = new FigureBars("median ms",
            points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Mode.Name()} {p.Setting:N0}")).ToArray(),
            points.Select(p => Math.Round(p.Median.TotalMilliseconds, 1)).ToArray(),
            points.Select(p => Array.IndexOf(modes, p.Mode)).ToArray());
        var title = sweep.Varied == SweepResult.WorkersVaried
            ? $"{sweep.Title}: speedup by workers, {sweep.Items} items"
            : $"{sweep.Title}: {(sweep.ShowsTimes ? "median time" : "speedup")} by {sweep.Varied}, {sweep.Workers} workers";
        return new Figure(title, chart, new FigureTable(headers, rows, notes), bars);
    }

    /// <summary>The mode's median time when the sweep shows times, else its speedup, at one setting; empty where it was not measured.</summary>
    static string Cell(SweepResult sweep, int setting, RunMode mode) =>
        sweep.Points.FirstOrDefault(p => p.Setting == setting && p.Mode == mode) is { } point
            ? sweep.ShowsTimes
                ? point.Median.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms"
                : point.Speedup.ToString("0.00", CultureInfo.InvariantCulture) + "×"
            : "";
}
