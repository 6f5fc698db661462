using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Grading;

/// <summary>One cell of an .ipynb as grading reads it: its id, kind, tags, source and the text of its saved outputs.</summary>
internal sealed record NotebookCell(int Index, string? Id, bool IsCode, IReadOnlyList<string> Tags, string Source, string Outputs)
{
    public bool Has(string tag) => Tags.Contains(tag, StringComparer.Ordinal);
}

/// <summary>
/// Reads a notebook's cells from its JSON with nothing but System.Text.Json: a student's file may be anything, and
/// grading needs only ids, tags, sources and output text, with a clear sentence when the file is not a notebook.
/// </summary>
internal static partial class NotebookCells
{
    /// <summary>The cells of the notebook in <paramref name="json"/>.</summary>
    /// <exception cref="FormatException">Throws, with a sentence naming the problem, when it is not a notebook's JSON.</exception>
    public static IReadOnlyList<NotebookCell> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"it is not valid JSON ({OneLine(e.Message)}), so it is not a notebook Jupyter or VS Code saved");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw new FormatException("it is JSON but has no \"cells\" list, so it is not a notebook");
            var list = new List<NotebookCell>();
            foreach (var cell in cells.EnumerateArray())
            {
                if (cell.ValueKind != JsonValueKind.Object)
                    continue;
                var type = cell.TryGetProperty("cell_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                string? id = cell.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                var tags = new List<string>();
                if (cell.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                    && metadata.TryGetProperty("tags", out var tagList) && tagList.ValueKind == JsonValueKind.Array)
                    tags.AddRange(tagList.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                var source = cell.TryGetProperty("source", out var s) ? Text(s) : "";
                var outputs = new System.Text.StringBuilder();
                if (cell.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
                    foreach (var output in outs.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object))
                    {
                        if (output.TryGetProperty("text", out var text))
                            outputs.Append(Text(text)).Append('\n');
                        if (output.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                            && data.TryGetProperty("text/plain", out var plain))
                            outputs.Append(Text(plain)).Append('\n');
                    }
                list.Add(new NotebookCell(list.Count, id, type == "code", tags, source.Replace("\r\n", "\n"), outputs.ToString()));
            }
            return list;
        }
    }

    /// <summary>The highest "(attempt N)" a check printed in <paramref name="outputs"/>, or null when it printed none.</summary>
    public static int? LastAttempt(string outputs)
    {
        int? last = null;
        foreach (Match match in AttemptPattern().Matches(outputs))
            if (int.TryParse(match.Groups[1].ValueSpan, out var n) && n > (last ?? 0))
                last = n;
        return last;
    }

    [GeneratedRegex(@"\(attempt (\d{1,6})\)")]
    private static partial Regex AttemptPattern();

    /// <summary>nbformat's multiline string: a string, or a list of lines to join.</summary>
    static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Array => string.Concat(element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
        _ => "",
    };

    /// <summary><paramref name="text"/> on one line, for a gradebook cell or a sentence.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).Trim();
}
