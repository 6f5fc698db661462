using System.Text;

namespace Multiprocessing.Measurements;

/// <summary>A figure as plain text: its title, the table with aligned columns (numbers to the right), and its notes.</summary>
internal static class FigureText
{
    const string Gap = "  ";

    /// <summary>The text, one line per row, without a final newline.</summary>
    public static string Write(Figure figure)
    {
        var table = figure.Table;
        var widths = table.Headers.Select((header, column) => table.Rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder().AppendLine(figure.Title);
        text.AppendLine(Line(table, table.Headers, widths));
        foreach (var row in table.Rows)
            text.AppendLine(Line(table, row, widths));
        foreach (var note in table.Notes)
            text.AppendLine(note);
        return text.ToString().TrimEnd('\n', '\r');
    }

    static string Line(FigureTable table, IReadOnlyList<string> cells, int[] widths) =>
        string.Join(Gap, cells.Select((cell, column) => column > 0 && table.IsNumeric(column) ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column])))
            .TrimEnd();
}
