using System.Diagnostics;

namespace Course.Tests;

/// <summary>What one bounded run of a command printed.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Errors);

/// <summary>
/// One students' release, written by the course tool (<c>Course.dll release OUT</c>, as a teacher runs it) into a temp
/// folder, with the list of files it wrote taken before any test builds or runs anything in it. Dispose deletes the
/// folder and the SDK's builds of the release's lesson apps.
/// </summary>
public sealed class ReleaseFolder : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("course-release-").FullName;

    public ReleaseFolder()
    {
        Out = Path.Combine(_temp, "course");
        Release = Tool(["release", Out]);
        Files = Directory.Exists(Out)
            ? Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(Out, file).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>The release: the folder the tool wrote.</summary>
    public string Out { get; }

    /// <summary>The tool's run that wrote it.</summary>
    public CommandRun Release { get; }

    /// <summary>Every file the release holds, relative to <see cref="Out"/> with '/', as the tool left it.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>A path beside the release, for a test's own folder; deleted with the release.</summary>
    public string Beside(string name) => Path.Combine(_temp, name);

    /// <summary>Runs the course tool built beside these tests, from the repository root, bounded to two minutes.</summary>
    public static CommandRun Tool(IEnumerable<string> arguments) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Course.dll"), .. arguments], Samples.Root, TimeSpan.FromMinutes(2));

    /// <summary>
    /// Runs a command with output redirected, bounded by <paramref name="limit"/>: on timeout its process tree is
    /// killed and the test fails. No build server or reused MSBuild node outlives it.
    /// </summary>
    public static CommandRun Run(string program, IEnumerable<string> arguments, string folder, TimeSpan limit)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {limit.TotalMinutes} min.");
        }
        return new CommandRun(process.ExitCode, output.Result, errors.Result);
    }

    public void Dispose()
    {
        LessonAppRuns.DeleteBuilds("0?-*", Path.Combine(Out, "notebooks"));
        Directory.Delete(_temp, recursive: true);
    }
}
