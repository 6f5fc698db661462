using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace Multiprocessing.Measurements;

/// <summary>
/// Draws a <see cref="FigureChart"/> as an SVG document with OxyPlot (managed code, no browser, no network), in the style of
/// the interactive chart it stands in for (<see cref="ChartStyle"/>).
/// </summary>
internal static class ChartImage
{
    /// <summary>The chart's SVG.</summary>
    /// <exception cref="InvalidOperationException">Throws when OxyPlot could not draw the chart; it would otherwise draw the error's text.</exception>
    public static string Svg(FigureChart chart)
    {
        var model = chart.Image();
        (model.Title, model.Subtitle) = chart.Lines();
        Style(model);
        var svg = new SvgExporter { Width = chart.Width, Height = chart.Height, TextMeasurer = new TextMeasurer() }.ExportToString(model);
        if (model.GetLastPlotException() is { } error)
            throw new InvalidOperationException($"The image of the chart \"{model.Title}\" could not be drawn: {error.Message}", error);
        // The DOCTYPE names a DTD on the web; an image needs none.
        return System.Text.RegularExpressions.Regex.Replace(svg, @"<!DOCTYPE[^>]*>\s*", "");
    }

    static void Style(PlotModel model)
    {
        model.Background = ChartStyle.Paper;
        model.PlotAreaBackground = ChartStyle.PlotArea;
        model.PlotAreaBorderThickness = new OxyThickness(0);
        model.TextColor = ChartStyle.Text;
        model.TitleColor = ChartStyle.Text;
        model.SubtitleColor = ChartStyle.Text;
        model.DefaultFont = ChartStyle.Font;
        model.DefaultFontSize = 12;
        model.TitleFontSize = 17;
        model.TitleFontWeight = FontWeights.Normal;
        model.SubtitleFontSize = 12;
        model.TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView;
        model.Padding = new OxyThickness(16, 12, 24, 12);
        foreach (var axis in model.Axes)
        {
            axis.TextColor = ChartStyle.Text;
            axis.TitleColor = ChartStyle.Text;
            axis.AxislineColor = ChartStyle.Text;
            axis.TicklineColor = ChartStyle.Grid;
            axis.MajorGridlineColor = ChartStyle.Grid;
            axis.MinorGridlineColor = ChartStyle.Grid;
            axis.MajorGridlineStyle = axis is CategoryAxis ? LineStyle.None : LineStyle.Solid;
            axis.MajorGridlineThickness = 1;
            axis.MinorGridlineStyle = LineStyle.None;
            axis.MinorTickSize = 0;
            axis.TitleFontSize = 14;
        }
        if (model.Series.Any(series => !string.IsNullOrEmpty(series.Title)))
            model.Legends.Add(new Legend
            {
                LegendPlacement = LegendPlacement.Outside,
                LegendPosition = LegendPosition.RightTop,
                LegendTextColor = ChartStyle.Text,
                LegendFontSize = 12,
                LegendBackground = ChartStyle.Paper,
            });
    }
}
