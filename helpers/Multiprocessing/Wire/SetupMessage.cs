namespace Multiprocessing.Wire;

/// <summary>First frame to a worker: where to find the parent's assemblies, and the pool's initializer.</summary>
internal sealed record SetupMessage(Dictionary<string, string> Assemblies, FunctionReference? Initializer)
{
    public byte[] Write() => Binary.Write(writer =>
    {
        writer.Write(Assemblies.Count);
        foreach (var (name, path) in Assemblies)
        {
            writer.Write(name);
            writer.Write(path);
        }
        Binary.WriteFunction(writer, Initializer);
    });

    public static SetupMessage Read(byte[] payload)
    {
        using var reader = Binary.Reader(payload);
        var assemblies = new Dictionary<string, string>();
        for (int count = reader.ReadInt32(); count > 0; count--)
            assemblies[reader.ReadString()] = reader.ReadString();
        return new SetupMessage(assemblies, Binary.ReadFunction(reader));
    }
}
