namespace Multiprocessing.Measurements;

/// <summary>The numbers under a figure's chart, as formatted text, the same in every form.</summary>
/// <param name="Headers">The column names.</param>
/// <param name="Rows">The cells, one list per row, as many as <paramref name="Headers"/>.</param>
/// <param name="Notes">Lines under the table: the machine, the ideal, where a mode breaks even.</param>
internal sealed record FigureTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>True for a column whose cells (all but empty ones) read as numbers, such as "12.5" or "2.0× faster": it aligns right.</summary>
    public bool IsNumeric(int column) =>
        Rows.Select(row => row[column]).Where(cell => cell.Length > 0).All(cell => char.IsAsciiDigit(cell[0]) || cell == "baseline");
}
