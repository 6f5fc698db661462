using System.Text;

namespace Course.Apps;

/// <summary>A Markdown cell as a <c>//</c> comment block: paragraphs and list items wrapped at about 100 columns, code fences kept line for line.</summary>
internal static class MarkdownComment
{
    const int Width = 100;

    public static string Write(string markdown)
    {
        var comment = new StringBuilder();
        var paragraph = new List<string>();
        var indent = "";
        var inFence = false;

        void Flush()
        {
            if (paragraph.Count > 0)
                Wrap(comment, string.Join(' ', paragraph), indent);
            paragraph.Clear();
            indent = "";
        }

        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                inFence = !inFence;
                comment.Append(Line(line));
                continue;
            }
            if (inFence)
            {
                comment.Append(Line(line));
                continue;
            }
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                Flush();
                if (comment.Length > 0 && !comment.ToString().EndsWith("//\n", StringComparison.Ordinal))
                    comment.Append("//\n");
                continue;
            }
            var isItem = trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal)
                || char.IsDigit(trimmed[0]) && trimmed.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4;
            if (trimmed.StartsWith('#') || trimmed.StartsWith('|') || isItem)
            {
                Flush();
                if (trimmed.StartsWith('#') || trimmed.StartsWith('|'))
                {
                    comment.Append(Line(line));
                    continue;
                }
                // A list item's continuation lines line up under its text.
                indent = new string(' ', line.Length - trimmed.Length + trimmed.IndexOf(' ') + 1);
            }
            paragraph.Add(trimmed);
        }
        Flush();
        var text = comment.ToString();
        while (text.EndsWith("//\n//\n", StringComparison.Ordinal))
            text = text[..^3];
        return text.EndsWith("//\n", StringComparison.Ordinal) ? text[..^3] : text;
    }

    static void Wrap(StringBuilder comment, string text, string indent)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && 3 + line.Length + 1 + word.Length > Width)
            {
                comment.Append(Line(line.ToString()));
                line.Clear().Append(indent);
                first = false;
            }
            if (line.Length > 0 && !(line.Length == indent.Length && !first))
                line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0)
            comment.Append(Line(line.ToString()));
    }

    static string Line(string text) => text.Length == 0 ? "//\n" : $"// {text}\n";
}
