using OxyPlot;

namespace Multiprocessing.Measurements;

/// <summary>
/// How the static images look: the colours, background and font of Plotly.NET's default template ("plotly"), so the image
/// and the interactive chart that replaces it look the same. White paper in every theme, so a chart reads the same in a light
/// or dark notebook, and in print.
/// </summary>
internal static class ChartStyle
{
    /// <summary>Plotly's colour sequence: the first series is blue, the second red, and so on.</summary>
    public static readonly OxyColor[] Colours =
        [.. new[] { "#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52" }.Select(OxyColor.Parse)];

    /// <summary>Text and axis lines.</summary>
    public static readonly OxyColor Text = OxyColor.Parse("#2a3f5f");

    /// <summary>The plot area, behind the data.</summary>
    public static readonly OxyColor PlotArea = OxyColor.Parse("#E5ECF6");

    /// <summary>Around the plot area.</summary>
    public static readonly OxyColor Paper = OxyColors.White;

    /// <summary>Grid lines, white on the plot area as in Plotly.</summary>
    public static readonly OxyColor Grid = OxyColors.White;

    /// <summary>The font the image names; text is measured with Helvetica's metrics, which Arial shares.</summary>
    public const string Font = "Arial";

    /// <summary>The <paramref name="index"/>th colour of the sequence, starting again after the last.</summary>
    public static OxyColor Colour(int index) => Colours[index % Colours.Length];
}
