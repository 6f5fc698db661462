namespace Course.Notebooks;

/// <summary>
/// Gives cells an input that ends at once, as the course's Jupyter kernelspec already does: <c>Console.ReadLine()</c>
/// returns null, <c>Console.Read()</c> returns -1, <c>Console.In.ReadToEnd()</c> returns "". In the stdio kernel
/// (Polyglot Notebooks, the course tool's <c>run</c> and <c>handouts</c>) the process's standard input is the channel
/// the kernel's commands arrive on: a cell that read it would wait for a line that never comes, until the cell's timeout.
/// The kernel reads its commands through the reader it took when it started, not through <see cref="Console.In"/>, so
/// replacing <see cref="Console.In"/> changes only what cells see.
/// </summary>
internal static class NotebookInput
{
    /// <summary>Replaces <see cref="Console.In"/> for every cell from now on.</summary>
    public static void Install() => Console.SetIn(TextReader.Null);
}
