using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// A figure as one HTML fragment that every notebook front end shows. Front ends strip scripts from untrusted outputs, and
/// offline nothing loads from a CDN, but every one of them keeps an <c>&lt;img&gt;</c> with a <c>data:</c> URI inside the
/// HTML: so the chart is that image, drawn from its values, followed by the table. Where scripts run, the figure's script
/// loads plotly.js and swaps the image for the interactive chart, drawn from the figure's data (a JSON script element,
/// which the handouts also draw from). Its classes: <see cref="FigureHtmlClasses"/>.
/// </summary>
internal static class FigureHtml
{
    /// <summary>Where the figure's script loads plotly.js from, without ".js" (as requirejs names modules): Plotly.NET's version.</summary>
    public static string PlotlyUrl => $"https://cdn.plot.ly/plotly-{(global::Globals.PLOTLYJS_VERSION)}.min";

    /// <summary>What the line under the image says.</summary>
    public const string Note = "A static image of the chart: it becomes interactive where plotly.js can load (online, in a trusted notebook).";

    static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(FigureHtml).Assembly.GetManifestResourceStream("Multiprocessing.Measurements.figure.js")
            ?? throw new InvalidOperationException("Multiprocessing.Measurements was built without figure.js; rebuild it.");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>The fragment: image, note, table, notes, data, script.</summary>
    public static string Write(Figure figure)
    {
        var id = "mp-figure-" + Guid.NewGuid().ToString("N");
        var (title, _) = figure.Chart.Lines();
        var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes(figure.ToSvg()));
        var html = new StringBuilder();
        html.Append($"<div class=\"{FigureHtmlClasses.Figure}\" id=\"{id}\">\n");
        html.Append($"<img class=\"{FigureHtmlClasses.Image}\" alt=\"Chart: {Encode(title)}\" width=\"{figure.Chart.Width}\" height=\"{figure.Chart.Height}\" ")
            .Append("style=\"max-width:100%;height:auto\" src=\"data:image/svg+xml;base64,").Append(svg).Append("\">\n");
        html.Append($"<p class=\"{FigureHtmlClasses.Note}\"><small>{Encode(Note)}</small></p>\n");
        html.Append(Table(figure.Table));
        foreach (var note in figure.Table.Notes)
            html.Append($"<p><small>{Encode(note)}</small></p>\n");
        html.Append($"<script type=\"application/json\" class=\"{FigureHtmlClasses.Data}\">").Append(PlotlyJson(figure.ToPlotly())).Append("</script>\n");
        html.Append($"<script type=\"text/javascript\" class=\"{FigureHtmlClasses.Script}\">\n")
            .Append(Script.Value.Replace("__FIGURE_ID__", id).Replace("__PLOTLY_URL__", PlotlyUrl)).Append("</script>\n");
        return html.Append("</div>\n").ToString();
    }

    /// <summary>The chart as plotly.js takes it: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public static string PlotlyJson(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        figure.Remove("frames");
        figure["config"] = new JsonObject { ["responsive"] = true, ["displaylogo"] = false };
        return figure.ToJsonString(JsonOptions);
    }

    /// <summary>
    /// Non-ASCII text (× in "2× faster") as it is; '&lt;', '&gt;' and '&amp;' still as \u escapes, so the JSON cannot end its
    /// script element early.
    /// </summary>
    static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    static string Table(FigureTable table)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var header in table.Headers)
            html.Append("<th>").Append(Encode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>\n").ToString();
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
