using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Multiprocessing;
using Multiprocessing.Measurements;

namespace Course.Notebooks;

/// <summary>
/// How measurements look in a notebook: each as its <see cref="Figure"/>, in two forms in one output, HTML (the chart as an
/// image that every front end shows, interactive where plotly.js loads, and the table) and plain text (the table); and
/// progress as one display that updates.
/// </summary>
internal static class NotebookDisplay
{
    /// <summary>Registers the figure formatters and the live progress display.</summary>
    public static void Register()
    {
        Show<Figure>(figure => figure);
        Show<Comparison>(comparison => comparison.ToFigure());
        Show<SweepResult>(sweep => sweep.ToFigure());
        Compare.ProgressDisplay = status => new LiveProgress(status);
        // A list as a cell's last line shows as Python prints it, [0, 1, 4], not as a table.
        foreach (var list in new[] { typeof(List<>), typeof(SharedArray<>) })
        {
            Formatter.Register(list, (value, writer) => writer.Write(PythonList.Format((System.Collections.IEnumerable)value)), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(list, PlainTextFormatter.MimeType);
        }
    }

    /// <summary>
    /// A value of type <typeparamref name="T"/> shows as its figure: both forms, so a front end that cannot show the HTML
    /// (or a reader of the saved notebook) still has the table.
    /// </summary>
    static void Show<T>(Func<T, Figure> figure)
    {
        Formatter.Register<T>((value, writer) => writer.Write(figure(value).ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(figure(value).ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>One output line in the running cell, rewritten in place as a measurement goes on.</summary>
    sealed class LiveProgress : IProgressDisplay
    {
        readonly DisplayedValue? _display;
        readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        readonly string _first;

        public LiveProgress(string status)
        {
            _first = status;
            if (KernelInvocationContext.Current is { } cell)
                _display = KernelInvocationContextExtensions.Display(cell, status, PlainTextFormatter.MimeType);
        }

        public void Update(string status) => _display?.Update($"{_first} {status}");

        public void Dispose() => _display?.Update($"{_first} done in {_clock.Elapsed.TotalSeconds:0.0} s.");
    }
}
