namespace Multiprocessing.Measurements;

/// <summary>What a terminal draws as a bar chart beside a figure's table: one bar per row.</summary>
/// <param name="Label">What the bars measure, such as "median ms".</param>
/// <param name="Names">The label of each bar.</param>
/// <param name="Values">The length of each bar.</param>
/// <param name="Colours">The index in <see cref="ChartStyle.Colours"/> of each bar's colour, as the chart colours it; null: all the first.</param>
internal sealed record FigureBars(string Label, IReadOnlyList<string> Names, IReadOnlyList<double> Values, IReadOnlyList<int>? Colours = null);
