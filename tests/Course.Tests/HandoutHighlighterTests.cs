using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Course.Handouts;
using Multiprocessing.Wire;

namespace Course.Tests;

/// <summary>C# is highlighted offline by VS Code's grammar, which knows modern C#, in VS Code's Light+ and Dark+ colours.</summary>
public class HandoutHighlighterTests
{
    const string ModernCSharp = """"
        record Point(int X, int Y)
        {
            public string Name { get; init; } = $"({X}, {Y})";
            public string Json => $$"""{"x": {{X}}}""";
        }
        """";

    /// <summary>Each token's text and the colour its class gets in light and in dark mode.</summary>
    static List<(string Text, string? Light, string? Dark)> Tokens(string code)
    {
        var highlighter = new CodeHighlighter();
        var html = highlighter.Highlight(code);
        var css = highlighter.StyleSheet();
        var darkAt = css.IndexOf("@media", StringComparison.Ordinal);
        string? Color(string name, bool dark)
        {
            var part = dark ? css[darkAt..] : css[..darkAt];
            var rule = Regex.Match(part, $@"\.{name} \{{ color: (#[0-9A-Fa-f]{{6}})");
            return rule.Success ? rule.Groups[1].Value.ToUpperInvariant() : null;
        }
        var body = new HtmlParser().ParseDocument($"<pre>{html}</pre>").QuerySelector("pre")!;
        return body.ChildNodes.Select(node => node is IElement span
            ? (span.TextContent, Color(span.ClassName!, false), Color(span.ClassName!, true))
            : (node.TextContent, null, null)).ToList();
    }

    static (string Text, string? Light, string? Dark) Token(string code, string text) => Tokens(code).First(t => t.Text == text);

    [Fact]
    public void TheTextIsKeptExactly()
    {
        var html = new CodeHighlighter().Highlight(ModernCSharp + "\nvar lt = 1 < 2 && true;");
        Assert.Equal(ModernCSharp + "\nvar lt = 1 < 2 && true;", new HtmlParser().ParseDocument($"<pre>{html}</pre>").QuerySelector("pre")!.TextContent);
    }

    [Theory]
    [InlineData("record")]
    [InlineData("init")]
    [InlineData("public")]
    public void ModernKeywordsAreColouredAsKeywords(string keyword) =>
        // VS Code's Light+ and Dark+ colour storage keywords #0000FF and #569CD6.
        Assert.Equal((keyword, "#0000FF", "#569CD6"), Token(ModernCSharp, keyword));

    [Fact]
    public void RawAndInterpolatedStringsAreColouredAsStrings()
    {
        var tokens = Tokens(ModernCSharp);
        Assert.Contains(("$\"", "#A31515", "#CE9178"), tokens);                  // an interpolated string opens as a string
        Assert.Contains(("$$\"\"\"", "#A31515", "#CE9178"), tokens);             // so does a raw interpolated one
        Assert.Contains(tokens, t => t.Text.Contains("\"x\": ") && t.Light == "#A31515"); // its JSON text is string text
        Assert.Contains(("X", "#001080", "#9CDCFE"), tokens);                     // while {X} inside is code again
    }

    [Fact]
    public void TheDarkColoursApplyOnlyOnScreensInDarkMode()
    {
        var highlighter = new CodeHighlighter();
        highlighter.Highlight("record R;");
        Assert.Contains("@media screen and (prefers-color-scheme: dark)", highlighter.StyleSheet());
    }
}
