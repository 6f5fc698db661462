namespace Course.Handouts;

/// <summary>What <see cref="HandoutWriter.WriteAsync"/> did.</summary>
/// <param name="Index">The index page it wrote, or null when a notebook failed.</param>
/// <param name="Pages">The lesson pages it wrote, in lesson order; empty when a notebook failed.</param>
/// <param name="Runs">The notebooks it ran, with their outputs, in order; the last one failed when <paramref name="Failed"/> is set.</param>
/// <param name="Failed">The run of the first notebook with a failing cell, or null when every cell succeeded.</param>
public sealed record HandoutResult(string? Index, IReadOnlyList<string> Pages, IReadOnlyList<NotebookRun> Runs, NotebookRun? Failed)
{
    /// <summary>True when every notebook ran and every page was written.</summary>
    public bool Succeeded => Failed is null;
}
