using System.Collections.Concurrent;
using Course.Jupyter;

namespace Course.Tests.Jupyter;

/// <summary>
/// A Jupyter of our own in a temp folder: its kernelspecs (the course's, written by <c>install-kernel</c>'s code), its
/// runtime folder and its data folder, so the tests neither read nor change the user's Jupyter.
/// </summary>
internal sealed class JupyterHome : IDisposable
{
    readonly ConcurrentQueue<string> _log = new();

    public JupyterHome()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The Jupyter tests read /proc and use Debian's Jupyter client: they run on Linux.");
        Root = Directory.CreateTempSubdirectory("course-jupyter-").FullName;
        // Open to others on purpose: only the kernel's own folder, made by the launcher, may keep them out.
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Runtime, (UnixFileMode)0b111_101_101);
        Kernelspec.Install(Kernels, typeof(Kernelspec).Assembly.Location);
        // Kernels start in this folder, as Jupyter starts them in the notebook's: a tool manifest here that pins
        // another kernel must not change which kernel the course's kernelspec runs.
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.WriteAllText(Path.Combine(Root, ".config", "dotnet-tools.json"),
            """{ "version": 1, "isRoot": true, "tools": { "microsoft.dotnet-interactive": { "version": "0.0.1", "commands": ["dotnet-interactive"] } } }""");
    }

    /// <summary>The temp folder.</summary>
    public string Root { get; }

    /// <summary>The kernels folder, on <c>JUPYTER_PATH</c>.</summary>
    public string Kernels => Path.Combine(Root, "kernels");

    /// <summary>Jupyter's runtime folder: connection files and the course kernel's socket folders.</summary>
    public string Runtime => Path.Combine(Root, "runtime");

    /// <summary>What the Jupyter client needs in its environment to use this home.</summary>
    public IEnumerable<(string, string)> Environment =>
    [
        ("JUPYTER_PATH", Root),
        ("JUPYTER_DATA_DIR", Path.Combine(Root, "data")),
        ("JUPYTER_CONFIG_DIR", Path.Combine(Root, "config")),
        ("JUPYTER_RUNTIME_DIR", Runtime),
        ("PYTHONUNBUFFERED", "1"),
        ("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
    ];

    /// <summary>Writes another kernelspec beside the course's: <paramref name="argv"/> as Jupyter would run it.</summary>
    public void AddKernelspec(string name, params string[] argv)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Kernels, name)).FullName;
        var spec = new System.Text.Json.Nodes.JsonObject
        {
            ["argv"] = new System.Text.Json.Nodes.JsonArray([.. argv.Select(a => (System.Text.Json.Nodes.JsonNode?)a)]),
            ["display_name"] = name,
            ["language"] = "C#",
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString());
    }

    /// <summary>Keeps a line of what the client and the kernel wrote to stderr.</summary>
    public void Log(string line) => _log.Enqueue(line);

    /// <summary>The last lines the client and the kernel wrote to stderr, for failure messages.</summary>
    public string LogTail => string.Join("\n", _log.TakeLast(40));

    /// <summary>The course kernel's socket folders now in the runtime folder.</summary>
    public IReadOnlyList<string> SocketFolders() =>
        Directory.Exists(Runtime) ? Directory.GetDirectories(Runtime, KernelLauncher.FolderPrefix + "*") : [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
