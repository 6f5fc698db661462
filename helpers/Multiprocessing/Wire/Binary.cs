namespace Multiprocessing.Wire;

// The envelopes are binary, and only argument and result values are JSON: a new process pays about ten milliseconds
// the first time System.Text.Json reads or writes a property name or a string, and every worker is a new process.
/// <summary>The binary side of the messages: a writer and reader over a payload, and the function reference's layout (see <see cref="MessageKind"/>).</summary>
internal static class Binary
{
    public static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            write(writer);
        return stream.ToArray();
    }

    public static BinaryReader Reader(byte[] payload) => new(new MemoryStream(payload, writable: false));

    /// <summary>A presence flag, then the reference's fields.</summary>
    public static void WriteFunction(BinaryWriter writer, FunctionReference? function)
    {
        writer.Write(function is not null);
        if (function is null)
            return;
        writer.Write(function.AssemblyPath);
        writer.Write(function.MetadataToken);
        writer.Write(function.DisplayName);
        writer.Write(function.NeedsLambdaInstance);
        writer.Write(function.GenericArguments.Length);
        foreach (var argument in function.GenericArguments)
            writer.Write(argument);
        writer.Write(function.Dependencies.Count);
        foreach (var (name, path) in function.Dependencies)
        {
            writer.Write(name);
            writer.Write(path);
        }
    }

    public static FunctionReference? ReadFunction(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
            return null;
        var path = reader.ReadString();
        var token = reader.ReadInt32();
        var name = reader.ReadString();
        var lambda = reader.ReadBoolean();
        var generic = new string[reader.ReadInt32()];
        for (int i = 0; i < generic.Length; i++)
            generic[i] = reader.ReadString();
        var dependencies = new Dictionary<string, string>();
        for (int count = reader.ReadInt32(); count > 0; count--)
            dependencies[reader.ReadString()] = reader.ReadString();
        return new FunctionReference(path, token, generic, name, lambda) { Dependencies = dependencies };
    }
}
