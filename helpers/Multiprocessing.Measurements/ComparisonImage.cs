using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Multiprocessing.Measurements;

/// <summary>The static image of a <see cref="Comparison"/>: what <see cref="ComparisonChart.Build"/> draws interactively, from the same values.</summary>
internal static class ComparisonImage
{
    const double HalfBar = 0.4;
    const double HalfCap = 0.08;

    /// <summary>A column per mode at its median, min–max error bars, speedup labels above them, and the dashed ideal.</summary>
    public static PlotModel Draw(ComparisonChartData data)
    {
        var model = new PlotModel();
        var modes = new CategoryAxis { Position = AxisPosition.Bottom, GapWidth = 0.2 };
        modes.Labels.AddRange(data.Modes);
        model.Axes.Add(modes);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "median ms (bars: min to max)", Minimum = 0, MaximumPadding = 0.15 });

        var columns = new RectangleBarSeries
        {
            FillColor = ChartStyle.Colour(0),
            StrokeThickness = 0,
            // Plotly shows a legend only for more than one trace.
            Title = data.IdealModes.Count > 0 ? ComparisonChart.MediansName : null,
        };
        var errors = new LineSeries { Color = ChartStyle.Text, StrokeThickness = 1.5 };
        for (var i = 0; i < data.Modes.Count; i++)
        {
            double low = data.MedianMs[i] - data.ErrorMinusMs[i], high = data.MedianMs[i] + data.ErrorPlusMs[i];
            columns.Items.Add(new RectangleBarItem(i - HalfBar, 0, i + HalfBar, data.MedianMs[i]));
            // A whisker and its two caps, then a break before the next bar's.
            foreach (var (x, y) in new[] { (i, low), (i, high), (double.NaN, double.NaN), (i - HalfCap, low), (i + HalfCap, low), (double.NaN, double.NaN),
                         (i - HalfCap, high), (i + HalfCap, high), (double.NaN, double.NaN) })
                errors.Points.Add(double.IsNaN(x) ? DataPoint.Undefined : new DataPoint(x, y));
            model.Annotations.Add(new TextAnnotation
            {
                Text = data.Labels[i],
                TextPosition = new DataPoint(i, high),
                TextVerticalAlignment = VerticalAlignment.Bottom,
                Stroke = OxyColors.Transparent,
                Background = OxyColors.Transparent,
                TextColor = ChartStyle.Text,
                Offset = new ScreenVector(0, -5),
            });
        }
        model.Series.Add(columns);
        model.Series.Add(errors);
        if (data.IdealModes.Count > 0)
        {
            var ideal = new LineSeries
            {
                Title = data.IdealName,
                Color = ChartStyle.Colour(1),
                LineStyle = LineStyle.Dash,
                StrokeThickness = 2,
                MarkerType = MarkerType.Circle,
                MarkerFill = ChartStyle.Colour(1),
                MarkerSize = 4,
            };
            foreach (var mode in data.IdealModes)
                ideal.Points.Add(new DataPoint(data.Modes.ToList().IndexOf(mode), data.IdealMs));
            model.Series.Add(ideal);
        }
        return model;
    }
}
