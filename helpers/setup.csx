// The first cell of every lesson loads this file. It finds the course helpers (building them the first
// time), loads them, and makes charts work in the pinned kernel. The real work is in
// helpers/Course.Notebooks/NotebookSetup.cs; this file only has to find and start it.
#nullable enable
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

static class CourseSetup
{
    // Release: the lessons time the pool's own plumbing, and workers run the library from this folder, so both run optimized code.
    const string BuildCommand = "dotnet build -c Release helpers/Course.Notebooks";

    public static async Task StartAsync([CallerFilePath] string thisFile = "")
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, ".."));
        var dll = Path.Combine(root, "artifacts", "bin", "Course.Notebooks", "release", "Course.Notebooks.dll");
        if (!File.Exists(dll) || IsOlderThanSources(dll, root))
            Build(root);
        var helpers = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
        var start = helpers.GetType("Course.Notebooks.NotebookSetup")!.GetMethod("StartAsync")!;
        await (Task)start.Invoke(null, null)!;
    }

    static bool IsOlderThanSources(string dll, string root)
    {
        var built = File.GetLastWriteTimeUtc(dll);
        return new[] { "Multiprocessing", "Multiprocessing.Measurements", "Multiprocessing.Cluster", "Course.Notebooks" }
            // C# sources and project files, and the figures' script (figure.js), which the build embeds.
            .SelectMany(project => new[] { "*.cs*", "*.js" }.SelectMany(pattern => Directory.EnumerateFiles(Path.Combine(root, "helpers", project), pattern, SearchOption.AllDirectories)))
            .Any(source => File.GetLastWriteTimeUtc(source) > built);
    }

    static void Build(string root)
    {
        Console.WriteLine($"Building the course helpers ({BuildCommand}); the first time takes a minute…");
        var start = new ProcessStartInfo("dotnet", "build -c Release helpers/Course.Notebooks -nologo -v quiet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(TimeSpan.FromMinutes(5)))
            build.Kill(entireProcessTree: true);
        if (!build.HasExited || build.ExitCode != 0)
            throw new InvalidOperationException(
                $"The course helpers could not be built. Open a terminal in {root}, run\n    {BuildCommand}\n" +
                $"and fix what it reports, then run this cell again.\n\n{output.Result}{errors.Result}");
    }
}

await CourseSetup.StartAsync();
