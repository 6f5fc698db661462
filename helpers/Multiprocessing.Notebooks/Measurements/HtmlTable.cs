using Microsoft.DotNet.Interactive.Formatting;
using static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;

namespace Multiprocessing.Measurements;

/// <summary>
/// A plain HTML table of already formatted cells. The kernel's own formatter shows a list of records as
/// collapsed tree views, which hides the numbers a lesson is about.
/// </summary>
internal static class HtmlTable
{
    /// <summary>A table with one header row; PocketView encodes every cell.</summary>
    public static string Build(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        PocketView view = table(
            thead(tr(headers.Select(h => th(h)).ToArray())),
            tbody(rows.Select(row => tr(row.Select(cell => td(cell)).ToArray())).ToArray()));
        return view.ToString();
    }
}
