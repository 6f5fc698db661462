using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Course.Handouts;

/// <summary>
/// Renders Markdown code fences in a language the page's <see cref="CodeHighlighter"/> knows (<c>csharp</c>, <c>c#</c>,
/// <c>python</c>, ...) highlighted, and every other code block as Markdig does.
/// </summary>
internal sealed class HighlightedCodeBlockRenderer(CodeHighlighter highlighter, CodeBlockRenderer fallback) : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var language = block is FencedCodeBlock { Info: { Length: > 0 } info } ? Language(info) : null;
        if (language is null || !CodeHighlighter.Knows(language))
        {
            fallback.Write(renderer, block);
            return;
        }
        renderer.EnsureLine();
        renderer.Write($"<pre class=\"code\"><code class=\"language-{language}\">");
        renderer.Write(highlighter.Highlight(block.Lines.ToString(), language));
        renderer.WriteLine("</code></pre>");
    }

    /// <summary>The grammar's name for a fence's language; "c#" is how many people write C#.</summary>
    static string? Language(string info) =>
        info.ToLowerInvariant() switch
        {
            "c#" or "cs" => "csharp",
            var name when name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+') => name,
            _ => null,
        };
}
