using Spectre.Console;
using Spectre.Console.Rendering;

namespace Multiprocessing.Measurements;

/// <summary>
/// A figure as Spectre.Console draws it in a terminal: the title on a line of its own (a table title would wrap at the
/// table's width), the table with its notes as the caption, and the bars under it.
/// </summary>
internal static class FigureTerminal
{
    /// <summary>The renderable; write it to any <see cref="IAnsiConsole"/>.</summary>
    public static IRenderable Write(Figure figure)
    {
        var title = new Markup($"[bold]{Markup.Escape(figure.Title)}[/]");
        var table = new Table();
        for (var column = 0; column < figure.Table.Headers.Count; column++)
        {
            var header = new TableColumn(Markup.Escape(figure.Table.Headers[column]));
            table.AddColumn(column > 0 && figure.Table.IsNumeric(column) ? header.RightAligned() : header);
        }
        foreach (var row in figure.Table.Rows)
            table.AddRow(row.Select(Markup.Escape).ToArray());
        if (figure.Table.Notes.Count > 0)
            table.Caption(Markup.Escape(string.Join("\n", figure.Table.Notes)));
        if (figure.Bars is not { } bars)
            return new Rows(title, table);
        var chart = new BarChart().Label(Markup.Escape(bars.Label)).Width(80);
        for (var i = 0; i < bars.Names.Count; i++)
        {
            var colour = ChartStyle.Colour(bars.Colours?[i] ?? 0);
            chart.AddItem(Markup.Escape(bars.Names[i]), bars.Values[i], new Color(colour.R, colour.G, colour.B));
        }
        return new Rows(title, table, chart);
    }
}
