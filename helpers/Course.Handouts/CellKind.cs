using Microsoft.DotNet.Interactive.Documents;

namespace Course;

/// <summary>What a notebook cell is, asked in one place.</summary>
public static class CellKind
{
    /// <summary>True for a Markdown cell: the Interactive Documents library names its kernel "markdown" or "md".</summary>
    /// <param name="cell">A cell of a notebook.</param>
    /// <returns>True for Markdown.</returns>
    public static bool IsMarkdown(this InteractiveDocumentElement cell) => cell.KernelName is "markdown" or "md";
}
