using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Apps;

namespace Course.Tests;

/// <summary>What one <c>dotnet run</c> of a lesson app printed.</summary>
public sealed record AppRunResult(string App, int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>
/// Runs each lesson's committed app once with <c>dotnet run</c>, and once more with the exercise's solution spliced in
/// (a copy under artifacts/app-tests/, so the repository's build settings apply). Every run is bounded and its process tree
/// killed on timeout; the copies and their builds are deleted at the end.
/// </summary>
public sealed class LessonAppRuns : IDisposable
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    readonly ConcurrentDictionary<string, Lazy<AppRunResult>> _runs = new();
    readonly string _folder = Path.Combine(Samples.Root, "artifacts", "app-tests", Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The run of the committed app of lesson <paramref name="number"/> ("01", "02", …).</summary>
    public AppRunResult Stub(string number) => _runs.GetOrAdd(number, n => new(() => Run(App(n)))).Value;

    /// <summary>The run of a copy of lesson <paramref name="number"/>'s app with the exercise solved.</summary>
    public AppRunResult Solved(string number) => _runs.GetOrAdd(number + "-solved", _ => new(() => Run(WriteSolved(number)))).Value;

    static string App(string number) =>
        Path.ChangeExtension(LessonRuns.Lessons.Single(p => Path.GetFileName(p).StartsWith(number + "-", StringComparison.Ordinal)), ".cs");

    string WriteSolved(string number)
    {
        var notebook = LessonRuns.Lessons.Single(p => Path.GetFileName(p).StartsWith(number + "-", StringComparison.Ordinal));
        var solution = LessonRuns.Solutions[number];
        var stub = NotebookFile.Read(notebook).Elements.Single(c => c.Id == NotebookRules.ExerciseId).Contents.Trim();
        var app = File.ReadAllText(App(number));
        Assert.Contains(stub, app);
        var helpers = Path.Combine(Samples.Root, "helpers", "Course.Apps");
        var solved = app.Replace(stub, solution).Replace("#:project ../helpers/Course.Apps", $"#:project {helpers}");
        Directory.CreateDirectory(_folder);
        // The copy builds as the lessons do (notebooks/Directory.Build.targets: warnings do not stop a lesson).
        File.Copy(Path.Combine(Samples.Root, "notebooks", "Directory.Build.targets"), Path.Combine(_folder, "Directory.Build.targets"), overwrite: true);
        var path = Path.Combine(_folder, Path.GetFileNameWithoutExtension(App(number)) + "-solved.cs");
        File.WriteAllText(path, solved);
        return path;
    }

    /// <summary><c>dotnet run APP</c> from the repository root, with output redirected (so no ANSI codes), bounded by <see cref="Limit"/>.</summary>
    public static AppRunResult Run(string app)
    {
        var info = new ProcessStartInfo("dotnet", ["run", "--file", app])
        {
            WorkingDirectory = Samples.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"dotnet run {Path.GetFileName(app)} did not finish within {Limit.TotalMinutes} min.");
        }
        var result = new AppRunResult(app, process.ExitCode, stdout.Result + stderr.Result, clock.Elapsed);
        RunTimes.Record("app", Path.GetFileName(app), result.Elapsed);
        return result;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
        DeleteBuilds("0?-*-solved-*", _folder);
        var pages = Path.Combine(Samples.Root, "artifacts", "apps");
        if (Directory.Exists(pages))
            foreach (var page in Directory.GetFiles(pages, "*-solved.html"))
                File.Delete(page);
    }

    /// <summary>
    /// Deletes the SDK's builds (runfile/NAME-HASH) of the file-based apps in <paramref name="appFolder"/> whose build
    /// folder matches <paramref name="pattern"/>. The runfile folders are shared by every checkout on the machine, so a
    /// build is taken only when its restore record names an app in that folder: another checkout's runs keep theirs.
    /// </summary>
    public static void DeleteBuilds(string pattern, string appFolder)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(appFolder)) + Path.DirectorySeparatorChar;
        foreach (var root in new[]
                 {
                     Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "dotnet", "runfile"),
                     Path.Combine(Path.GetTempPath(), "dotnet", "runfile"),
                 })
            if (Directory.Exists(root))
                foreach (var build in Directory.GetDirectories(root, pattern))
                    if (AppOf(build) is { } app && app.StartsWith(prefix, StringComparison.Ordinal))
                        Directory.Delete(build, recursive: true);
    }

    /// <summary>The app a build is of, from NuGet's record of its restore (<c>project.restore.projectPath</c>, the app's path plus .csproj), or null.</summary>
    static string? AppOf(string build)
    {
        try
        {
            using var assets = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(build, "obj", "project.assets.json")));
            return assets.RootElement.GetProperty("project").GetProperty("restore").GetProperty("projectPath").GetString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // not restored, or not an app build: not provably this checkout's
        }
    }
}
