using Microsoft.DotNet.Interactive.Documents;

namespace Course;

/// <summary>What a notebook cell is, asked in one place.</summary>
internal static class CellKind
{
    /// <summary>True for a Markdown cell: the Interactive Documents library names its kernel "markdown" or "md".</summary>
    public static bool IsMarkdown(this InteractiveDocumentElement cell) => cell.KernelName is "markdown" or "md";
}
