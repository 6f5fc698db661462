using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>The sample notebooks next to these tests, and ways to read what a run left in them.</summary>
internal static class Samples
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of a sample notebook.</summary>
    public static string Path(string name) => System.IO.Path.Combine(Root, "tests", "Course.Tests", "Samples", name);

    /// <summary>Everything a cell showed: streams, plain text and HTML, joined.</summary>
    public static string Output(InteractiveDocumentElement cell) => string.Join("\n", cell.Outputs.Select(output => output switch
    {
        TextElement text => text.Text,
        DisplayElement display => string.Join("\n", display.Data.Values),
        ReturnValueElement result => string.Join("\n", result.Data.Values),
        ErrorElement error => $"{error.ErrorName}: {error.ErrorValue}",
        _ => "",
    }));

    /// <summary>The HTML a cell displayed or returned.</summary>
    public static string Html(InteractiveDocumentElement cell) => string.Join("\n", cell.Outputs.SelectMany(output => output switch
    {
        DisplayElement display => display.Data.Where(d => d.Key == "text/html").Select(d => d.Value.ToString()),
        ReturnValueElement result => result.Data.Where(d => d.Key == "text/html").Select(d => d.Value.ToString()),
        _ => [],
    }));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
                return dir.FullName;
        throw new InvalidOperationException("The tests run from inside the repository.");
    }
}
