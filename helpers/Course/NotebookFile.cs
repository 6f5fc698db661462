using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Course;

/// <summary>Reads and writes .ipynb files with the Interactive Documents library.</summary>
internal static class NotebookFile
{
    /// <summary>The kernels our notebooks use, as Polyglot Notebooks names them.</summary>
    public static KernelInfoCollection Kernels { get; } = CreateKernels();

    static KernelInfoCollection CreateKernels()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Reads the notebook at <paramref name="path"/>.</summary>
    public static InteractiveDocument Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"There is no notebook at {Path.GetFullPath(path)}. Check the path; lessons are in notebooks/.", path);
        return Notebook.Parse(JoinLines(File.ReadAllText(path)), Kernels);
    }

    /// <summary>
    /// nbformat lets a multiline string be a list of lines, and Jupyter writes output text and display data that way;
    /// the Interactive Documents reader would keep such a list as an array, so the lines are joined first.
    /// </summary>
    static string JoinLines(string json)
    {
        var notebook = JsonNode.Parse(json);
        foreach (var output in notebook?["cells"]?.AsArray().SelectMany(cell => cell?["outputs"]?.AsArray() ?? []) ?? [])
        {
            if (output?["text"] is JsonArray text)
                output["text"] = Join(text);
            if (output?["data"] is JsonObject data)
                foreach (var (mime, value) in data.ToArray())
                    if (value is JsonArray lines && !mime.EndsWith("json", StringComparison.Ordinal))
                        data[mime] = Join(lines);
        }
        return notebook?.ToJsonString() ?? json;
    }

    static string Join(JsonArray lines) => string.Concat(lines.Select(line => (string?)line));

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> as nbformat 4.</summary>
    public static void Write(InteractiveDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            Notebook.Write(document, stream, Kernels);
        File.Move(temporary, path, overwrite: true); // never leave a half-written notebook
    }
}
