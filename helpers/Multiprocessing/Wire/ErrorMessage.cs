namespace Multiprocessing.Wire;

/// <summary>A failure inside a worker, with what the parent needs to raise it again.</summary>
internal sealed record ErrorMessage(long Id, string Type, string Message, string Trace)
{
    /// <summary>
    /// Reads what it can of <paramref name="e"/>. Any member of an exception may throw (a <c>Message</c> getter, an
    /// override of <c>ToString()</c>), and reporting a task's failure must never fail, so each is read on its own and a
    /// member that throws is replaced by a note saying so.
    /// </summary>
    public static ErrorMessage From(long id, Exception e)
    {
        var type = e.GetType().FullName ?? e.GetType().Name;
        return new(id, type, Read(() => e.Message, "Message"), Read(e.ToString, "ToString()", () => Fallback(e, type)));
    }

    /// <summary>Exception text built member by member, for an exception whose <c>ToString()</c> throws.</summary>
    public static string Fallback(Exception e, string type)
    {
        var text = $"{type}: {Read(() => e.Message, "Message")}";
        var trace = Read(() => e.StackTrace, "StackTrace");
        if (!string.IsNullOrEmpty(trace))
            text += Environment.NewLine + trace;
        var inner = Read(() => e.InnerException is { } i ? From(0, i).Trace : null, "InnerException");
        if (!string.IsNullOrEmpty(inner))
            text += $"{Environment.NewLine} ---> {inner}{Environment.NewLine}   --- End of inner exception stack trace ---";
        return text;
    }

    static string Read(Func<string?> member, string name, Func<string>? fallback = null)
    {
        try
        {
            return member() ?? "";
        }
        catch (Exception thrown)
        {
            string note = $"({name} threw {thrown.GetType().FullName})";
            if (fallback is null)
                return note;
            try { return fallback() + Environment.NewLine + note; }
            catch { return note; }
        }
    }

    public byte[] Write() => Binary.Write(writer =>
    {
        writer.Write(Id);
        writer.Write(Type);
        writer.Write(Message);
        writer.Write(Trace);
    });

    public static ErrorMessage Read(byte[] payload)
    {
        using var reader = Binary.Reader(payload);
        return new ErrorMessage(reader.ReadInt64(), reader.ReadString(), reader.ReadString(), reader.ReadString());
    }
}
