using System.Net;
using System.Text;

namespace Multiprocessing.Measurements;

/// <summary>
/// A plain HTML table of already formatted cells. The notebook kernel's own formatter shows a list of records as
/// collapsed tree views, which hides the numbers a lesson is about.
/// </summary>
internal static class HtmlTable
{
    /// <summary>A table with one header row; every cell is HTML-encoded.</summary>
    public static string Build(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var header in headers)
            html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }
}
