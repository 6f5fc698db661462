namespace Multiprocessing.Measurements;

/// <summary>What a <see cref="Comparison"/> chart shows, as plain values, so tests can check it without reading plotly JSON.</summary>
/// <param name="Title">The chart title, with the workers and machine on a second line.</param>
/// <param name="Modes">The column names, in order.</param>
/// <param name="MedianMs">The column heights.</param>
/// <param name="ErrorPlusMs">How far each error bar reaches above its column: max minus median.</param>
/// <param name="ErrorMinusMs">How far each error bar reaches below its column: median minus min.</param>
/// <param name="Labels">The text on each column, such as "1.9× faster".</param>
/// <param name="IdealName">The legend name of the ideal line.</param>
/// <param name="IdealModes">The columns the ideal line spans: the parallel ones.</param>
/// <param name="IdealMs">The height of the ideal line: the sequential median divided by the ideal speedup.</param>
internal sealed record ComparisonChartData(
    string Title,
    IReadOnlyList<string> Modes,
    IReadOnlyList<double> MedianMs,
    IReadOnlyList<double> ErrorPlusMs,
    IReadOnlyList<double> ErrorMinusMs,
    IReadOnlyList<string> Labels,
    string IdealName,
    IReadOnlyList<string> IdealModes,
    double IdealMs);
