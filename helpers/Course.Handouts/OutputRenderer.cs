using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Handouts;

/// <summary>
/// Renders a code cell's nbformat outputs as HTML, as Jupyter shows them: the richest form of each display
/// (HTML with its figures readied for the page, images, Markdown, then plain text), stdout and stderr streams, and errors.
/// </summary>
internal sealed partial class OutputRenderer(MarkdownRenderer markdown)
{
    static readonly string[] ImageTypes = ["image/png", "image/jpeg", "image/gif"];

    /// <summary>How many figures (charts) the outputs rendered so far hold.</summary>
    public int Charts { get; private set; }

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex TerminalEscape();

    /// <summary>The outputs as HTML; empty when there are none.</summary>
    public string Render(IEnumerable<InteractiveDocumentOutputElement> outputs)
    {
        var html = new StringBuilder();
        foreach (var output in outputs)
            html.Append(output switch
            {
                TextElement text => Pre($"output stream {(text.Name == "stderr" ? "stderr" : "stdout")}", text.Text),
                ErrorElement error => Pre("output error", ErrorText(error)),
                DisplayElement display => Data(display.Data),
                ReturnValueElement result => Data(result.Data),
                _ => "",
            });
        return html.ToString();
    }

    string Data(IDictionary<string, object> data)
    {
        string? Value(string mime) => data.TryGetValue(mime, out var value) ? value?.ToString() : null;

        if (Value("text/html") is { } html)
        {
            var (ready, figures) = HandoutFigures.Prepare(html);
            Charts += figures;
            return $"<div class=\"output html\">{ready}</div>\n";
        }
        if (Value("image/svg+xml") is { } svg)
            return Image("image/svg+xml", Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)));
        foreach (var type in ImageTypes)
            if (Value(type) is { } base64)
                return Image(type, string.Concat(base64.Where(c => !char.IsWhiteSpace(c))));
        if (Value("text/markdown") is { } text)
            return $"<div class=\"output markdown\">{markdown.Render(text)}</div>\n";
        if (Value("text/plain") is { } plain)
            return Pre("output text", plain);
        return data.Count == 0 ? "" : Pre("output text", $"(an output of type {string.Join(", ", data.Keys)}, which a handout does not show)");
    }

    static string ErrorText(ErrorElement error)
    {
        var trace = error.StackTrace is { Length: > 0 } lines ? string.Join("\n", lines) : "";
        // Jupyter's traceback already starts with the message; ours (the runner's) is the message itself.
        return trace.Contains(error.ErrorValue ?? "", StringComparison.Ordinal) && trace.Length > 0
            ? trace
            : $"{error.ErrorName}: {error.ErrorValue}\n{trace}".TrimEnd();
    }

    static string Image(string type, string base64) =>
        $"<div class=\"output image\"><img alt=\"\" src=\"data:{type};base64,{base64}\"></div>\n";

    static string Pre(string classes, string text) =>
        $"<pre class=\"{classes}\">{WebUtility.HtmlEncode(TerminalEscape().Replace(text, "").TrimEnd('\n'))}</pre>\n";
}
