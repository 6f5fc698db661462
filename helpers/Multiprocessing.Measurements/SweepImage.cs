using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Multiprocessing.Measurements;

/// <summary>The static image of a <see cref="SweepResult"/>: what <see cref="SweepChart.Build"/> draws interactively, from the same values.</summary>
internal static class SweepImage
{
    /// <summary>A line per mode against the varied setting on a log axis; the ideal dashed.</summary>
    public static PlotModel Draw(SweepChartData data)
    {
        var model = new PlotModel();
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = data.Varied, MinimumPadding = 0.05, MaximumPadding = 0.05 });
        model.Axes.Add(data.LogY
            ? new LogarithmicAxis { Position = AxisPosition.Left, Title = data.YTitle, MinimumPadding = 0.1, MaximumPadding = 0.1 }
            : new LinearAxis { Position = AxisPosition.Left, Title = data.YTitle, MinimumPadding = 0.1, MaximumPadding = 0.1 });
        for (var i = 0; i < data.Lines.Count; i++)
        {
            var line = data.Lines[i];
            var series = new LineSeries
            {
                Title = line.Name,
                Color = ChartStyle.Colour(i),
                StrokeThickness = 2,
                LineStyle = line.Dashed ? LineStyle.Dash : LineStyle.Solid,
                MarkerType = line.Dashed ? MarkerType.None : MarkerType.Circle,
                MarkerFill = ChartStyle.Colour(i),
                MarkerSize = 4,
            };
            for (var p = 0; p < line.Settings.Count; p++)
                series.Points.Add(new DataPoint(line.Settings[p], line.Values[p]));
            model.Series.Add(series);
        }
        return model;
    }
}
