using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Multiprocessing.Measurements;

namespace Multiprocessing.Notebooks;

/// <summary>How measurements look in a notebook: charts with tables, and progress as one display that updates.</summary>
internal static class NotebookDisplay
{
    /// <summary>Registers the HTML formatters and the live progress display.</summary>
    public static void Register()
    {
        Formatter.Register<Comparison>((comparison, writer) => writer.Write(comparison.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<SweepResult>((sweep, writer) => writer.Write(sweep.ToHtml()), HtmlFormatter.MimeType);
        Compare.ProgressDisplay = status => new LiveProgress(status);
        // A list as a cell's last line shows as Python prints it, [0, 1, 4], not as a table.
        foreach (var list in new[] { typeof(List<>), typeof(SharedArray<>) })
        {
            Formatter.Register(list, (value, writer) => writer.Write(PythonList.Format((System.Collections.IEnumerable)value)), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(list, PlainTextFormatter.MimeType);
        }
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
