using System.Net;
using System.Text;

namespace Course.Handouts;

/// <summary>The document around a handout page's body: one file carrying its styles and scripts.</summary>
public static class HtmlPage
{
    /// <summary>
    /// Fetches nothing from outside the file: a page that would break offline then also breaks online, where its author sees it.
    /// Scripts may use eval because some plotly.js trace types compile code at run time; that fetches nothing.
    /// </summary>
    const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

    /// <summary>A complete HTML document; <paramref name="scripts"/> (element id, code) run at the end of the body, in order.</summary>
    /// <param name="title">The page's title.</param>
    /// <param name="body">The body's HTML.</param>
    /// <param name="styles">Stylesheets, inlined in the head in order.</param>
    /// <param name="scripts">Scripts (element id, code), inlined at the end of the body in order.</param>
    /// <returns>The whole document.</returns>
    public static string Write(string title, string body, IEnumerable<string> styles, IEnumerable<(string Id, string Code)> scripts)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}">
            <title>{WebUtility.HtmlEncode(title)}</title>

            """);
        foreach (var style in styles)
            html.Append("<style>\n").Append(style).Append("</style>\n");
        html.Append("</head>\n<body>\n").Append(body);
        foreach (var (id, code) in scripts)
            html.Append($"<script id=\"{id}\">\n").Append(code).Append("\n</script>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }
}
