namespace Multiprocessing.Tests;

/// <summary>
/// A temporary folder of gate files. A task given a gate's path (see <see cref="Targets.WaitForGate"/>) blocks until
/// the test opens the gate, so a test decides when a task finishes without sleeping. Disposing removes the folder,
/// which releases any task still waiting.
/// </summary>
internal sealed class GateFolder : IDisposable
{
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mp-tests-{Guid.NewGuid():N}")).FullName;

    /// <summary>The path of gate <paramref name="name"/>; it is closed until <see cref="Open"/>.</summary>
    public string Gate(string name) => Path.Combine(Folder, name);

    public void Open(string name) => File.WriteAllText(Gate(name), "");

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
