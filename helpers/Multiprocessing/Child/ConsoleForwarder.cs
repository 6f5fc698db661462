using System.Text;
using Multiprocessing.Wire;

namespace Multiprocessing.Child;

/// <summary>
/// The worker's <see cref="Console.Out"/>: it sends whole lines to the parent as Output frames,
/// so the parent prints them live and never cut mid-line.
/// </summary>
internal sealed class ConsoleForwarder(Stream protocol) : TextWriter
{
    readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_pending)
        {
            _pending.Append(value);
            if (value == '\n')
                SendPending();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        lock (_pending)
        {
            _pending.Append(value);
            if (value.Contains('\n'))
                SendWholeLines();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write(value + NewLine);

    /// <summary>Sends everything, including a last line without a newline; called at the end of each task.</summary>
    public override void Flush()
    {
        lock (_pending)
            SendPending();
    }

    void SendWholeLines()
    {
        int end = _pending.ToString().LastIndexOf('\n') + 1;
        var text = _pending.ToString(0, end);
        _pending.Remove(0, end);
        Frame.Write(protocol, MessageKind.Output, Encoding.UTF8.GetBytes(text));
    }

    void SendPending()
    {
        if (_pending.Length == 0)
            return;
        var text = _pending.ToString();
        _pending.Clear();
        Frame.Write(protocol, MessageKind.Output, Encoding.UTF8.GetBytes(text));
    }
}
