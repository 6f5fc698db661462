using System.Text;

namespace Course.Apps;

/// <summary>Writes through to the terminal and keeps a copy of the text, for the run's page.</summary>
internal sealed class RecordingWriter(TextWriter terminal) : TextWriter
{
    readonly StringBuilder _kept = new();
    readonly Lock _gate = new();

    public override Encoding Encoding => terminal.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            terminal.Write(value);
            _kept.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            terminal.Write(value);
            _kept.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void Flush() => terminal.Flush();

    /// <summary>The text kept since the last call, and forgets it.</summary>
    public string Take()
    {
        lock (_gate)
        {
            var text = _kept.ToString();
            _kept.Clear();
            return text;
        }
    }
}
