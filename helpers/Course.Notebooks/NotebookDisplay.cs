using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Multiprocessing;
using Multiprocessing.Measurements;

namespace Course.Notebooks;

/// <summary>
/// How measurements look in a notebook: each as its <see cref="Figure"/>, in two forms in one output, HTML (the chart as an
/// image that every front end shows, interactive where plotly.js loads, and the table) and plain text (the table).
/// </summary>
internal static class NotebookDisplay
{
    /// <summary>Registers the figure formatters, and the plain-text form of lists.</summary>
    public static void Register()
    {
        Show<Figure>(figure => figure);
        Show<Comparison>(comparison => comparison.ToFigure());
        Show<SweepResult>(sweep => sweep.ToFigure());
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
}
