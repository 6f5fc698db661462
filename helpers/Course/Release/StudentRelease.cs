using System.Text;
using Course.Apps;

namespace Course.Release;

/// <summary>
/// A student's copy of the course: what goes in is listed here, file by file or folder by folder, so a file the
/// teacher adds later (a solution, a grading script, notes) stays out until someone puts it on this list.
/// </summary>
internal static class StudentRelease
{
    /// <summary>Files copied as they are, from the course root.</summary>
    static readonly string[] Files =
    [
        "STUDENTS.md",
        "global.json",
        "Directory.Build.props",
        "Directory.Packages.props",
        ".gitignore",
        ".editorconfig",
        ".config/dotnet-tools.json",
        "notebooks/Directory.Build.targets",
        "helpers/setup.csx",
    ];

    /// <summary>Folders copied whole: the editor's and the Codespace's settings.</summary>
    static readonly string[] Folders = [".devcontainer", ".vscode"];

    /// <summary>What a helper project's source is made of; anything else in helpers/ (notes, scratch notebooks) stays out.</summary>
    static readonly string[] HelperSourceEndings = [".cs", ".csproj", ".js", ".css", ".LICENSE"];

    /// <summary>Folders never copied, wherever they are: build output, and what only the teacher has.</summary>
    static readonly HashSet<string> NeverFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "artifacts", "TestResults", ".vs", "teacher", "tests", ".ci",
    };

    /// <summary>Files never copied, wherever they are.</summary>
    static readonly HashSet<string> NeverFiles = new(StringComparer.OrdinalIgnoreCase) { "TEACHERS.md" };

    /// <summary>The solution file the release gets: the helper projects only, no test project.</summary>
    public const string SolutionFile = "Multiprocessing.slnx";

    /// <summary>
    /// The files of a release of the course at <paramref name="root"/>, each as its path in the release (with '/')
    /// and where its text comes from: a file of the course, or text written for the release.
    /// </summary>
    /// <exception cref="InvalidOperationException">Throws when the course lacks a file the release needs.</exception>
    public static IReadOnlyList<ReleaseFile> Plan(string root)
    {
        var files = new List<ReleaseFile>();
        foreach (var file in Files)
            files.Add(ReleaseFile.Copy(file, Required(root, file)));
        foreach (var folder in Folders)
            files.AddRange(Tree(root, folder, _ => true));

        var lessons = Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (lessons.Count == 0)
            throw new InvalidOperationException($"The course at {root} has no lessons in notebooks/, so there is nothing to release.");
        foreach (var lesson in lessons)
        {
            var name = Path.GetFileName(lesson);
            var app = Path.ChangeExtension(name, ".cs");
            files.Add(ReleaseFile.Copy($"notebooks/{name}", lesson));
            files.Add(ReleaseFile.Copy($"notebooks/{app}", Required(root, $"notebooks/{app}")));
        }

        var helpers = Tree(root, "helpers", path => HelperSourceEndings.Any(ending => path.EndsWith(ending, StringComparison.Ordinal))).ToList();
        files.AddRange(helpers);
        var projects = helpers.Select(file => file.Path).Where(path => path.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        files.Add(ReleaseFile.Text(SolutionFile, Solution(projects)));
        files.Add(ReleaseFile.Text("README.md", Readme));
        return files;
    }

    /// <summary>
    /// Writes the release of the course at <paramref name="root"/> into <paramref name="outFolder"/>, after checking it
    /// is a new or empty folder outside the course. If writing fails half-way, what was written is removed.
    /// </summary>
    /// <returns>The paths written, relative to <paramref name="outFolder"/>.</returns>
    /// <exception cref="ArgumentException">Throws when <paramref name="outFolder"/> is inside the course, is a file, or is not empty.</exception>
    /// <exception cref="InvalidOperationException">Throws when the course lacks a file the release needs, or a lesson's
    /// app differs from what its notebook gives now.</exception>
    public static IReadOnlyList<string> Write(string root, string outFolder)
    {
        var target = CheckedTarget(root, outFolder);
        var plan = Plan(root);
        CheckAppsAreCurrent(root);
        var created = !Directory.Exists(target);
        try
        {
            foreach (var file in plan)
            {
                var path = Path.Combine(target, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (file.Source is { } source)
                    File.Copy(source, path);
                else
                    File.WriteAllText(path, file.Contents);
            }
        }
        catch
        {
            if (created)
                Directory.Delete(target, recursive: true);
            else
                foreach (var entry in new DirectoryInfo(target).EnumerateFileSystemInfos())
                    if (entry is DirectoryInfo folder) folder.Delete(recursive: true); else entry.Delete();
            throw;
        }
        return plan.Select(file => file.Path).ToList();
    }

    /// <summary>The full path of <paramref name="outFolder"/>, once it is known to be a new or empty folder outside the course.</summary>
    static string CheckedTarget(string root, string outFolder)
    {
        if (string.IsNullOrWhiteSpace(outFolder))
            throw new ArgumentException("Give the folder to write the release into, such as: release ../course-release");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outFolder));
        var course = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        // Through a symbolic link, a folder that looks outside the course may be inside it.
        var (realTarget, realCourse) = (Resolved(target), Resolved(course));
        if (realTarget == realCourse || realTarget.StartsWith(realCourse + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"{target} is inside the course ({course}); write the release outside it, such as {Path.Combine(Path.GetDirectoryName(course)!, "course-release")}.");
        if (File.Exists(target))
            throw new ArgumentException($"{target} is a file; give a folder that does not exist yet or is empty.");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new ArgumentException($"{target} is not empty; give a folder that does not exist yet or is empty, so nothing else ends up in the students' copy.");
        return target;
    }

    /// <summary>Refuses a release whose lesson apps lag behind their notebooks: students would get two different lessons.</summary>
    static void CheckAppsAreCurrent(string root)
    {
        foreach (var notebook in Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            var app = Path.ChangeExtension(notebook, ".cs");
            if (File.ReadAllText(app) != AppWriter.Write(notebook, NotebookFile.Read(notebook)))
                throw new InvalidOperationException(
                    $"notebooks/{Path.GetFileName(app)} differs from what {Path.GetFileName(notebook)} gives now; run `{AppWriter.Command}` first, so the students' apps match their notebooks.");
        }
    }

    /// <summary><paramref name="path"/> with every symbolic link along it followed, as far as it exists.</summary>
    static string Resolved(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            // 40 links deep is Linux's own limit (ELOOP); a loop of links stops there.
            if (depth < 40 && new FileInfo(current).LinkTarget is { } link)
                current = Resolved(Path.GetFullPath(link, Path.GetDirectoryName(current)!), depth + 1);
        }
        return Path.TrimEndingDirectorySeparator(current);
    }

    static string Required(string root, string file)
    {
        var path = Path.Combine(root, file);
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"The course has no {file} (looked for {path}), which the students' release needs.");
    }

    /// <summary>The files under <paramref name="folder"/> that <paramref name="wanted"/> accepts, skipping <see cref="NeverFolders"/> and <see cref="NeverFiles"/>.</summary>
    static IEnumerable<ReleaseFile> Tree(string root, string folder, Func<string, bool> wanted)
    {
        var start = Path.Combine(root, folder);
        if (!Directory.Exists(start))
            throw new InvalidOperationException($"The course has no {folder}/ (looked for {start}), which the students' release needs.");
        var pending = new Stack<string>([start]);
        var found = new List<ReleaseFile>();
        while (pending.TryPop(out var directory))
        {
            foreach (var sub in Directory.EnumerateDirectories(directory))
                if (!NeverFolders.Contains(Path.GetFileName(sub)) && new DirectoryInfo(sub).LinkTarget is null)
                    pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                var path = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!NeverFiles.Contains(Path.GetFileName(file)) && wanted(path))
                    found.Add(ReleaseFile.Copy(path, file));
            }
        }
        return found.OrderBy(file => file.Path, StringComparer.Ordinal);
    }

    static string Solution(IEnumerable<string> projects)
    {
        var text = new StringBuilder("<Solution>\n  <Folder Name=\"/helpers/\">\n");
        foreach (var project in projects)
            text.Append($"    <Project Path=\"{project}\" />\n");
        return text.Append("  </Folder>\n</Solution>\n").ToString();
    }

    const string Readme = """
        # Multiprocessing in .NET

        An interactive C# course on multiprocessing: eight lessons in `notebooks/`, each a notebook and the same lesson as
        an app you run in a terminal.

        **Start with [STUDENTS.md](STUDENTS.md)**: how to open and run the lessons, which .NET to install, how to ask
        for a hint, and what to hand in.

        """;
}

/// <summary>One file of a release: its path in the release, and either the course file it is a copy of or its text.</summary>
internal sealed record ReleaseFile(string Path, string? Source, string? Contents)
{
    public static ReleaseFile Copy(string path, string source) => new(path, source, null);

    public static ReleaseFile Text(string path, string contents) => new(path, null, contents);
}
