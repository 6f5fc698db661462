namespace Multiprocessing.Wire;

/// <summary>A failure inside a worker, with what the parent needs to raise it again.</summary>
internal sealed record ErrorMessage(long Id, string Type, string Message, string Trace)
{
    public static ErrorMessage From(long id, Exception e) =>
        new(id, e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString());

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
