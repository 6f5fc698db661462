using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Course;

/// <summary>
/// Turns one cell's kernel events into nbformat outputs: display data (updated in place, as a live
/// display is), execution results, stdout and stderr streams, and errors.
/// </summary>
internal sealed class CellOutputs
{
    readonly Dictionary<string, DisplayElement> _displays = new();
    readonly int _executionCount;

    public CellOutputs(int executionCount) => _executionCount = executionCount;

    /// <summary>The outputs so far, in the order they appeared.</summary>
    public List<InteractiveDocumentOutputElement> Elements { get; } = [];

    /// <summary>Records <paramref name="kernelEvent"/> when it is an output.</summary>
    public void Add(KernelEvent kernelEvent)
    {
        switch (kernelEvent)
        {
            case StandardOutputValueProduced stdout:
                AddText("stdout", stdout.FormattedValues);
                break;
            case StandardErrorValueProduced stderr:
                AddText("stderr", stderr.FormattedValues);
                break;
            case ErrorProduced error:
                AddText("stderr", [new FormattedValue("text/plain", error.Message + "\n")]);
                break;
            case DisplayedValueUpdated update when update.ValueId is { } id && _displays.TryGetValue(id, out var shown):
                shown.Data.Clear();
                foreach (var (mime, value) in Data(update.FormattedValues))
                    shown.Data[mime] = value;
                break;
            case ReturnValueProduced result:
                var element = new ReturnValueElement { ExecutionOrder = _executionCount };
                foreach (var (mime, value) in Data(result.FormattedValues))
                    element.Data[mime] = value;
                Elements.Add(element);
                break;
            case DisplayedValueProduced display:
                var displayed = new DisplayElement(Data(display.FormattedValues));
                if (display.ValueId is { } valueId)
                    _displays[valueId] = displayed;
                Elements.Add(displayed);
                break;
            case CommandFailed failed:
                Elements.Add(Error(failed.Message));
                break;
        }
    }

    /// <summary>An nbformat error output for <paramref name="message"/>.</summary>
    public static ErrorElement Error(string message) =>
        new(errorValue: message, errorName: "Error", stackTrace: message.Split('\n'));

    void AddText(string stream, IEnumerable<FormattedValue> values)
    {
        var text = string.Concat(values.Where(v => v.MimeType == "text/plain").Select(v => v.Value));
        if (text.Length == 0)
            return;
        // Consecutive writes to one stream are one output, as Jupyter shows them.
        if (Elements.Count > 0 && Elements[^1] is TextElement last && last.Name == stream)
            Elements[^1] = new TextElement(last.Text + text, stream);
        else
            Elements.Add(new TextElement(text, stream));
    }

    static Dictionary<string, object> Data(IEnumerable<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay).GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.Last().Value);
}
