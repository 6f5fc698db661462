using System.Diagnostics;
using Course.Handouts;
using Microsoft.DotNet.Interactive.Documents;
using Multiprocessing.Measurements;
using Spectre.Console;

namespace Multiprocessing.Apps;

/// <summary>One run of a lesson app: what it printed and showed, in order, to draw in the terminal and to write as a page.</summary>
internal sealed class AppRun
{
    readonly string _title;
    readonly string _app;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly RecordingWriter _output;
    readonly List<InteractiveDocumentElement> _cells = [];

    public AppRun(string title, string app, IAnsiConsole console)
    {
        _title = title;
        _app = app;
        Console = console;
        _output = new RecordingWriter(System.Console.Out);
        // The library writes worker output to Console.Out, so the page gets it too.
        System.Console.SetOut(_output);
        _cells.Add(new InteractiveDocumentElement($"# {title}\n\nThis page was written by `dotnet run {Path.GetFileName(app)}`.", "markdown"));
    }

    public IAnsiConsole Console { get; }

    public void Show(object? value, string expression)
    {
        KeepPrinted();
        var (html, text) = value switch
        {
            Comparison comparison => (comparison.ToHtml(), Draw(comparison)),
            SweepResult sweep => (sweep.ToHtml(), Draw(sweep)),
            Plotly.NET.GenericChart chart => (PlotlyStyle.ToHtml(chart), Draw(expression)),
            _ => (null, Text(value)),
        };
        var outputs = new List<InteractiveDocumentOutputElement>();
        if (html is not null)
            outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = html }));
        else
            outputs.Add(new TextElement(text, "stdout"));
        _cells.Add(new InteractiveDocumentElement($"LessonApp.Show({expression});", "csharp", outputs));
    }

    public string Finish()
    {
        KeepPrinted();
        var folder = Path.Combine(CourseRoot(Path.GetDirectoryName(_app)!), "artifacts", "apps");
        Directory.CreateDirectory(folder);
        var lesson = Lesson.Of(0, _app, new InteractiveDocument(_cells), _clock.Elapsed, form: "app");
        var path = Path.Combine(folder, lesson.Page);
        File.WriteAllText(path, LessonPage.Write(lesson, null, null, 1, MeasuredOn.Now(kernel: null)));
        Console.WriteLine("The page of this run, with its interactive charts:");
        // On a line of its own and never wrapped, so a terminal can open it and a script can read it.
        System.Console.Out.WriteLine(path);
        return path;
    }

    /// <summary>The course folder (the one holding helpers/Multiprocessing.Apps) above the app, or the app's own folder.</summary>
    static string CourseRoot(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "helpers", "Multiprocessing.Apps")))
                return dir.FullName;
        return folder;
    }

    /// <summary>What the app printed since the last thing it showed becomes a cell of its own on the page.</summary>
    void KeepPrinted()
    {
        var printed = _output.Take();
        if (printed.Length > 0)
            _cells.Add(new InteractiveDocumentElement("// printed", "csharp", [new TextElement(printed, "stdout")]));
    }

    string Draw(Comparison comparison)
    {
        var table = new Table().Title(Markup.Escape(comparison.Title)).AddColumns("mode", "median ms", "min ms", "max ms", "speedup");
        foreach (var row in comparison.Rows)
            table.AddRow(row.Mode.Name(), Ms(row.MedianMs), Ms(row.MinMs), Ms(row.MaxMs),
                row.Mode == RunMode.Sequential ? "baseline" : Markup.Escape(comparison.Faster(row.Mode)));
        table.Caption(Markup.Escape($"{comparison.Machine}; {(comparison.Ideal is { } ideal ? $"ideal speedup {ideal}" : "no ideal speedup (an overhead)")}"));
        var chart = new BarChart().Label("median ms").Width(Math.Min(80, Console.Profile.Width));
        foreach (var (row, colour) in comparison.Rows.Zip(Colours(comparison.Rows.Count)))
            chart.AddItem(row.Mode.Name(), Math.Round(row.MedianMs, 1), colour);
        Console.Write(table);
        Console.Write(chart);
        Console.WriteLine();
        return comparison.ToString();
    }

    string Draw(SweepResult sweep)
    {
        var table = new Table().Title(Markup.Escape(sweep.Title)).AddColumns(Markup.Escape(sweep.Varied), "mode", "median ms", "speedup");
        foreach (var point in sweep.Points)
            table.AddRow(point.Setting.ToString("N0"), point.Mode.Name(), Ms(point.Median.TotalMilliseconds), $"{point.Speedup:0.00}×");
        Console.Write(table);
        var chart = new BarChart().Label("median ms").Width(Math.Min(80, Console.Profile.Width));
        foreach (var (point, colour) in sweep.Points.Zip(Colours(sweep.Points.Count)))
            chart.AddItem(Markup.Escape($"{point.Mode.Name()} {point.Setting:N0}"), Math.Round(point.Median.TotalMilliseconds, 1), colour);
        Console.Write(chart);
        Console.WriteLine();
        return sweep.ToString();
    }

    string Draw(string expression)
    {
        var text = $"Chart: {expression} (drawn on this run's page, written at the end)";
        Console.MarkupLine($"[blue]{Markup.Escape(text)}[/]");
        return text;
    }

    string Text(object? value)
    {
        // A list shows as Python prints it, [0, 1, 4], as the notebook glue shows a cell's last expression.
        var text = value is System.Collections.IEnumerable items and not string
            ? PythonList.Format(items)
            : value?.ToString() ?? "null";
        Console.WriteLine(text);
        return text;
    }

    static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", System.Globalization.CultureInfo.InvariantCulture);

    static IEnumerable<Color> Colours(int count) => Enumerable.Range(0, count).Select(i => new[] { Color.Grey, Color.Green, Color.Blue, Color.Yellow }[i % 4]);
}
