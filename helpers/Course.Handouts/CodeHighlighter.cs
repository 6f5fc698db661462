using System.Net;
using System.Text;
using TextMateSharp.Grammars;
using TextMateSharp.Registry;
using TextMateSharp.Themes;

namespace Course.Handouts;

/// <summary>
/// Highlights code offline with VS Code's own TextMate grammars (through TextMateSharp); its C# grammar knows records,
/// <c>init</c>, raw and interpolated strings. Colours come from VS Code's Light+ and Dark+ themes: each token gets
/// a class per colour pair, and <see cref="StyleSheet"/> writes those classes for both colour schemes.
/// One instance serves one page.
/// </summary>
public sealed class CodeHighlighter
{
    static readonly RegistryOptions Options = new(ThemeName.LightPlus);
    static readonly Registry Registry = new(Options);
    static readonly Theme Light = Registry.GetTheme();
    static readonly Theme Dark = Theme.CreateFromRawTheme(Options.LoadTheme(ThemeName.DarkPlus), Options);
    static readonly Dictionary<string, IGrammar?> Grammars = new(StringComparer.OrdinalIgnoreCase);
    // TextMateSharp's grammars and registry are not documented as thread-safe; pages and tests may highlight at once.
    static readonly Lock Gate = new();

    readonly Dictionary<TokenStyle, string> _classes = [];

    /// <summary>True when <paramref name="language"/> (a VS Code language id such as "csharp" or "python", or a file extension) has a grammar.</summary>
    /// <param name="language">A VS Code language id or a file extension.</param>
    /// <returns>True when it has a grammar.</returns>
    public static bool Knows(string language)
    {
        lock (Gate)
            return GrammarFor(language) is not null;
    }

    /// <summary>
    /// <paramref name="code"/> as HTML: escaped text in <c>&lt;span class&gt;</c>s, lines kept.
    /// Code in a language without a grammar comes back escaped and plain.
    /// </summary>
    /// <param name="code">The source.</param>
    /// <param name="language">A VS Code language id or a file extension; C# by default.</param>
    /// <returns>The HTML.</returns>
    public string Highlight(string code, string language = "csharp")
    {
        var html = new StringBuilder();
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        lock (Gate)
        {
            var grammar = GrammarFor(language);
            IStateStack? state = null;
            for (var index = 0; index < lines.Length; index++)
            {
                if (index > 0)
                    html.Append('\n');
                var line = lines[index];
                if (grammar is null)
                {
                    html.Append(WebUtility.HtmlEncode(line));
                    continue;
                }
                var result = grammar.TokenizeLine(line, state, TimeSpan.FromSeconds(1));
                state = result.RuleStack;
                foreach (var token in result.Tokens)
                {
                    var start = Math.Min(token.StartIndex, line.Length);
                    var text = line[start..Math.Min(token.EndIndex, line.Length)];
                    if (text.Length == 0)
                        continue;
                    var style = new TokenStyle(StyleOf(Light, token.Scopes), StyleOf(Dark, token.Scopes));
                    if (style.IsPlain)
                        html.Append(WebUtility.HtmlEncode(text));
                    else
                        html.Append("<span class=\"").Append(ClassOf(style)).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
                }
            }
        }
        return html.ToString();
    }

    /// <summary>
    /// CSS for code blocks (the themes' editor colours) and for every class <see cref="Highlight"/> has used:
    /// Light+ colours, and Dark+ ones when the system is dark.
    /// </summary>
    /// <returns>The CSS.</returns>
    public string StyleSheet()
    {
        var css = new StringBuilder();
        css.Append(EditorColors(Light));
        foreach (var (style, name) in _classes)
            css.Append('.').Append(name).Append(" { ").Append(style.Light.Css()).Append("}\n");
        css.Append("@media screen and (prefers-color-scheme: dark) {\n  ").Append(EditorColors(Dark));
        foreach (var (style, name) in _classes)
            css.Append("  .").Append(name).Append(" { ").Append(style.Dark.Css()).Append("}\n");
        return css.Append("}\n").ToString();
    }

    string ClassOf(TokenStyle style)
    {
        if (!_classes.TryGetValue(style, out var name))
            _classes[style] = name = $"hl{_classes.Count}";
        return name;
    }

    /// <summary>What the theme's most specific matching rules say about a token; the theme's default colour is left to the page.</summary>
    static ThemeStyle StyleOf(Theme theme, IList<string> scopes)
    {
        int foreground = -1, fontStyle = -1;
        foreach (var rule in theme.Match(scopes))
        {
            if (foreground == -1 && rule.foreground > 0)
                foreground = rule.foreground;
            if (fontStyle == -1 && rule.fontStyle > 0)
                fontStyle = (int)rule.fontStyle;
        }
        var color = foreground > 0 ? theme.GetColor(foreground) : null;
        var isDefault = color is null || string.Equals(color, DefaultForeground(theme), StringComparison.OrdinalIgnoreCase);
        return new ThemeStyle(isDefault ? null : color, fontStyle > 0 ? (FontStyle)fontStyle : FontStyle.None);
    }

    static string EditorColors(Theme theme) =>
        $"pre.code {{ color: {DefaultForeground(theme)}; background: {theme.GetGuiColorDictionary().GetValueOrDefault("editor.background")}; }}\n";

    static string? DefaultForeground(Theme theme) => theme.GetGuiColorDictionary().GetValueOrDefault("editor.foreground");

    static IGrammar? GrammarFor(string language)
    {
        if (!Grammars.TryGetValue(language, out var grammar))
        {
            var scope = Options.GetScopeByLanguageId(language) ?? Options.GetScopeByExtension("." + language);
            Grammars[language] = grammar = scope is null ? null : Registry.LoadGrammar(scope);
        }
        return grammar;
    }

    /// <summary>A token's look in one theme: a colour (null for the default) and bold/italic/underline.</summary>
    readonly record struct ThemeStyle(string? Color, FontStyle Font)
    {
        public bool IsPlain => Color is null && Font == FontStyle.None;

        public string Css()
        {
            var css = new StringBuilder();
            if (Color is not null)
                css.Append("color: ").Append(Color).Append("; ");
            if (Font.HasFlag(FontStyle.Italic))
                css.Append("font-style: italic; ");
            if (Font.HasFlag(FontStyle.Bold))
                css.Append("font-weight: bold; ");
            if (Font.HasFlag(FontStyle.Underline))
                css.Append("text-decoration: underline; ");
            return css.ToString();
        }
    }

    readonly record struct TokenStyle(ThemeStyle Light, ThemeStyle Dark)
    {
        public bool IsPlain => Light.IsPlain && Dark.IsPlain;
    }
}
