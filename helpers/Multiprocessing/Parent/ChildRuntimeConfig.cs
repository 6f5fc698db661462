using System.Text.Json;
using System.Text.Json.Nodes;
using Multiprocessing.Hosting;

namespace Multiprocessing.Parent;

/// <summary>
/// Writes the runtime config a child runs on: the program's own runtime options (its framework, its own properties),
/// with this process's <see cref="ParentRuntimeProperties"/> added under them, so a child computes as its parent does.
/// The program's own properties win: a worker's workstation GC, for example, whatever the parent runs with.
/// </summary>
internal static class ChildRuntimeConfig
{
    /// <summary>Writes the config to a new temp file of this process's and returns its path.</summary>
    /// <param name="kind">What the child is ("worker", "silo"), for the file's name.</param>
    /// <param name="runtimeOptions">The program's own <c>runtimeOptions</c>: its framework(s) and its <c>configProperties</c>.</param>
    public static string Write(string kind, JsonObject runtimeOptions)
    {
        var own = runtimeOptions["configProperties"] as JsonObject;
        var properties = new JsonObject();
        foreach (var (name, value) in ParentRuntimeProperties.Read())
            if (own is null || !own.ContainsKey(name))
                properties[name] = value;
        if (own is not null)
            foreach (var (name, value) in own)
                properties[name] = value?.DeepClone();
        runtimeOptions["configProperties"] = properties;
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true }))
            new JsonObject { ["runtimeOptions"] = runtimeOptions }.WriteTo(writer);

        // A new file of this process's own, so no other user of a shared temp folder can have planted or changed it;
        // held and deleted by ProcessFiles, or by a later parent's sweep if this one was killed.
        return ProcessFiles.WriteTempFile(kind, ".runtimeconfig.json", json.GetBuffer().AsSpan(0, (int)json.Length));
    }
}
