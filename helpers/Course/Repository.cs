namespace Course;

/// <summary>Where the course lives: the folder holding <c>.config/dotnet-tools.json</c> and <c>notebooks/</c>.</summary>
internal static class Repository
{
    /// <summary>
    /// The repository root, found by walking up from this tool's folder (it is built inside the repository), then from
    /// the current folder. The tool's own folder comes first: Jupyter starts the kernel in the notebook's folder, which
    /// may sit in another project with a tool manifest of its own.
    /// </summary>
    public static string Root { get; } = Find(AppContext.BaseDirectory) ?? Find(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException(
            "Cannot find the course folder (the one with .config/dotnet-tools.json). Run the course tool from inside the repository.");

    /// <summary>The lesson notebooks, in lesson order.</summary>
    public static IReadOnlyList<string> Notebooks() =>
        Directory.EnumerateFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();

    static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
                return dir.FullName;
        return null;
    }
}
