using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Course.Handouts;

/// <summary>
/// Renders a page's Markdown cells with Markdig: pipe tables, GitHub-style heading anchors, code fences (C#, Python and others highlighted),
/// and images next to the notebook inlined as data URLs. Anchors stay unique across all the cells of the page.
/// One instance serves one page.
/// </summary>
internal sealed class MarkdownRenderer(CodeHighlighter highlighter, string notebookFolder)
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseTaskLists()
        .Build();

    static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".svg"] = "image/svg+xml", [".webp"] = "image/webp",
    };

    readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Every heading rendered so far, in page order.</summary>
    public List<Heading> Headings { get; } = [];

    /// <summary>
    /// <paramref name="markdown"/> as HTML. Raises <see cref="InvalidOperationException"/> for an image the page
    /// cannot carry: one on the web (a handout opens offline) or a file that is not there.
    /// </summary>
    public string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
            Headings.Add(new Heading(heading.Level, UniqueId(heading), PlainText(heading.Inline)));
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage))
            image.Url = Inline(image.Url ?? "");

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        var codeBlocks = renderer.ObjectRenderers.FindExact<CodeBlockRenderer>()!;
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new HighlightedCodeBlockRenderer(highlighter, codeBlocks));
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>The text of the first <c>#</c> heading in <paramref name="markdown"/>, or null when it has none.</summary>
    public static string? Title(string markdown) =>
        Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } title
            ? PlainText(title.Inline)
            : null;

    /// <summary>Markdig numbers repeated anchors within one cell; this does the same across the cells of a page.</summary>
    string UniqueId(HeadingBlock heading)
    {
        var attributes = heading.GetAttributes();
        var id = attributes.Id is { Length: > 0 } given ? given : "section";
        var unique = id;
        for (var n = 1; !_ids.Add(unique); n++)
            unique = $"{id}-{n}";
        attributes.Id = unique;
        return unique;
    }

    static string PlainText(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants().Select(part => part switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        }));

    string Inline(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return url;
        if (url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile)
            throw new InvalidOperationException(
                $"A Markdown cell shows the image {url}, which a handout opened offline cannot fetch. " +
                "Save the image next to the notebook and link it by its relative path.");
        var path = Path.GetFullPath(Path.Combine(notebookFolder, Uri.UnescapeDataString(url)));
        if (!File.Exists(path) || !ImageTypes.TryGetValue(Path.GetExtension(path), out var type))
            throw new InvalidOperationException(
                $"A Markdown cell shows the image {url}, but {path} is not a PNG, JPEG, GIF, SVG or WebP file there. Fix the path.");
        return $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
    }
}
