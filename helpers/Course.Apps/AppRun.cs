using System.Diagnostics;
using Course.Handouts;
using Microsoft.DotNet.Interactive.Documents;
using Multiprocessing.Measurements;
using Spectre.Console;

namespace Course.Apps;

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
        var figure = value switch
        {
            Figure shown => shown,
            Comparison comparison => comparison.ToFigure(),
            SweepResult sweep => sweep.ToFigure(),
            _ => null,
        };
        InteractiveDocumentOutputElement output;
        if (figure is not null)
        {
            Console.Write(figure.ToTerminal());
            Console.WriteLine();
            // The same two forms a notebook shows: the page draws the chart from the HTML's data.
            output = new DisplayElement(new Dictionary<string, object> { ["text/html"] = figure.ToHtml(), ["text/plain"] = figure.ToString() });
        }
        else
            output = new TextElement(Text(value), "stdout");
        _cells.Add(new InteractiveDocumentElement($"LessonApp.Show({expression});", "csharp", [output]));
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

    /// <summary>The course folder (the one holding helpers/Course.Apps) above the app, or the app's own folder.</summary>
    static string CourseRoot(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "helpers", "Course.Apps")))
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

    string Text(object? value)
    {
        // A list shows as Python prints it, [0, 1, 4], as the notebook glue shows a cell's last expression.
        var text = value is System.Collections.IEnumerable items and not string
            ? PythonList.Format(items)
            : value?.ToString() ?? "null";
        Console.WriteLine(text);
        return text;
    }
}
