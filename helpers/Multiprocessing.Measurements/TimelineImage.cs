using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Multiprocessing.Measurements;

/// <summary>The static image of a timeline: what <see cref="TimelineChart"/> draws interactively, from the same rows.</summary>
internal static class TimelineImage
{
    const double HalfRow = 0.4;

    /// <summary>One row per worker, in the order they first started a task (the first at the bottom, as Plotly puts it), one bar per task.</summary>
    public static PlotModel Draw(TimelineChartData data)
    {
        var model = new PlotModel();
        var workers = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.2 };
        workers.Labels.AddRange(data.Rows.Select(row => row.Worker));
        model.Axes.Add(workers);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = data.Axis, MinimumPadding = 0.02, MaximumPadding = 0.02 });
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var row = data.Rows[i];
            var bars = new RectangleBarSeries { Title = row.Worker, FillColor = ChartStyle.Colour(i), StrokeColor = ChartStyle.Paper, StrokeThickness = 0.5 };
            for (var task = 0; task < row.StartMs.Count; task++)
                bars.Items.Add(new RectangleBarItem(row.StartMs[task], i - HalfRow, row.StartMs[task] + row.DurationMs[task], i + HalfRow));
            model.Series.Add(bars);
        }
        return model;
    }
}
