using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Course.Handouts;

/// <summary>
/// Rewires the Plotly charts in a cell's HTML output to draw from the plotly.js inlined in the page.
/// Plotly.NET.Interactive's output loads plotly through requirejs from a CDN, and Plotly.NET's
/// <c>toChartHTML</c> (used by the course's Comparison and SweepResult) expects a global Plotly;
/// offline, neither draws. Both generators put the chart in a <c>&lt;div id&gt;</c> and pass one-line JSON
/// <c>data</c>, <c>layout</c> and <c>config</c> to <c>Plotly.newPlot(id, data, layout, config)</c>, so each
/// chart script is replaced by that JSON, which the page's own script draws.
/// </summary>
internal static partial class ChartRewriter
{
    /// <summary>The class of a chart's div once rewired.</summary>
    public const string ChartClass = "handout-chart";

    /// <summary>The class of the JSON script element that holds a chart's data, layout and config.</summary>
    public const string SpecClass = "handout-chart-spec";

    static readonly HtmlParser Parser = new();

    [GeneratedRegex(@"Plotly\.newPlot\(\s*(['""])(?<id>[^'""]+)\1\s*,\s*data\s*,\s*layout\s*,\s*config\s*\)")]
    private static partial Regex NewPlotCall();

    [GeneratedRegex(@"\bvar\s+(?<name>data|layout|config)\s*=\s*")]
    private static partial Regex Declaration();

    /// <summary>
    /// <paramref name="html"/> with every chart script replaced by its JSON, and how many charts it held.
    /// Raises <see cref="InvalidOperationException"/> for a chart script of a form this does not know,
    /// and for a script loaded from outside the page, since either would leave the handout broken offline.
    /// </summary>
    public static (string Html, int Charts) Rewrite(string html)
    {
        if (!html.Contains("<script", StringComparison.OrdinalIgnoreCase))
            return (html, 0);
        var document = Parser.ParseDocument("");
        var body = document.Body!;
        body.InnerHtml = html;
        var charts = 0;
        foreach (var script in body.QuerySelectorAll("script").ToList())
        {
            if (script.GetAttribute("src") is { } source && IsExternal(source))
                throw new InvalidOperationException(
                    $"An output loads a script from {source}, which a handout opened offline cannot fetch. Show that output another way.");
            if (!script.TextContent.Contains("Plotly.newPlot", StringComparison.Ordinal))
                continue;
            ReplaceWithSpec(document, body, script);
            charts++;
        }
        return (charts == 0 ? html : body.InnerHtml, charts);
    }

    static void ReplaceWithSpec(IDocument document, IElement body, IElement script)
    {
        var code = script.TextContent;
        var calls = NewPlotCall().Matches(code);
        if (calls.Count != 1)
            throw Unknown($"it calls Plotly.newPlot {CountOf(code, "Plotly.newPlot")} times, {calls.Count} of them as Plotly.NET writes it");
        var id = calls[0].Groups["id"].Value;
        var target = body.QuerySelectorAll("div").FirstOrDefault(div => div.Id == id)
            ?? throw Unknown($"there is no <div id=\"{id}\"> for it to draw in");

        var spec = new JsonObject();
        foreach (Match declaration in Declaration().Matches(code))
            spec[declaration.Groups["name"].Value] = ReadJson(code, declaration.Index + declaration.Length, declaration.Groups["name"].Value);
        foreach (var name in new[] { "data", "layout", "config" })
            if (!spec.ContainsKey(name))
                throw Unknown($"it declares no 'var {name} = ...'");

        target.ClassList.Add(ChartClass);
        var replacement = document.CreateElement("script");
        replacement.SetAttribute("type", "application/json");
        replacement.ClassList.Add(SpecClass);
        replacement.SetAttribute("data-chart", id);
        // The default encoder writes '<', '>' and '&' as \u escapes, so the JSON cannot end the script element early.
        replacement.TextContent = spec.ToJsonString();
        script.Replace(replacement);
    }

    static JsonNode ReadJson(string code, int start, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(code[start..]);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return JsonNode.Parse(ref reader) ?? throw Unknown($"its {name} is null");
        }
        catch (JsonException e)
        {
            throw Unknown($"its {name} is not JSON ({e.Message})");
        }
    }

    static bool IsExternal(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    static int CountOf(string text, string part) => text.Split(part).Length - 1;

    static InvalidOperationException Unknown(string why) => new(
        $"An output draws a Plotly chart with a script the handout exporter does not know: {why}. " +
        "Plotly.NET may have changed how it writes chart HTML; update ChartRewriter to read the new form.");
}
