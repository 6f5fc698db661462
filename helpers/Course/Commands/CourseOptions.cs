using System.CommandLine;
using System.Globalization;

namespace Course.Commands;

/// <summary>The options several commands share, each parsed and checked in one place.</summary>
internal static class CourseOptions
{
    /// <summary><c>--timeout SECONDS</c>: the longest one cell may run; a positive number, 120 by default.</summary>
    public static Option<double> Timeout() => new("--timeout")
    {
        Description = "the longest one cell may run, in seconds",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => RunOptions.Default.CellTimeout.TotalSeconds,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            // At most a day: longer is a typo, and TimeSpan would overflow far beyond it.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400)
                return seconds;
            result.AddError($"--timeout takes a number of seconds from 0 to 86400, such as --timeout 300; '{text}' is not one.");
            return 0;
        },
    };

    /// <summary>
    /// <c>--cores N</c>: run the kernel and everything it starts on N cores, as a learner's smaller machine would (Linux
    /// only); a whole number from 1 to the cores this machine lets the course use. Null (every core) when not given.
    /// </summary>
    public static Option<int?> Cores() => new("--cores")
    {
        Description = "run the kernel, its workers and children on the first N cores only, as on a machine with N cores (Linux: taskset and DOTNET_PROCESSOR_COUNT)",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            IReadOnlyList<int> allowed;
            try
            {
                allowed = CorePinning.AllowedCores();
            }
            catch (PlatformNotSupportedException e)
            {
                result.AddError(e.Message);
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cores) && cores >= 1 && cores <= allowed.Count)
                return cores;
            result.AddError($"--cores takes a whole number of cores from 1 to {allowed.Count} (the cores this machine lets the course use), such as --cores 1; '{text}' is not one.");
            return null;
        },
    };

    /// <summary><c>--out DIR</c>: a folder to write into.</summary>
    public static Option<DirectoryInfo?> Out(string description) => new("--out") { Description = description, HelpName = "DIR" };

    /// <summary>The run settings for a cell timeout, on <paramref name="cores"/> cores (null for every core).</summary>
    public static RunOptions Run(double cellTimeoutSeconds, int? cores = null) =>
        RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(cellTimeoutSeconds), Cores = cores };

    /// <summary>A path as the user would read it: relative to the current folder.</summary>
    public static string Name(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

    /// <summary>True when the run succeeded; otherwise prints which notebook and cell failed, and why.</summary>
    public static bool ReportFailure(NotebookRun run)
    {
        if (run.Failure is not { } failure)
            return true;
        Console.Error.WriteLine($"{Name(run.Path)}: cell {failure.Cell} failed:\n{failure.Message}");
        return false;
    }

    /// <summary>The lessons in notebooks/, or a clear error when there are none.</summary>
    /// <exception cref="InvalidOperationException">Throws when notebooks/ has no notebook.</exception>
    public static IReadOnlyList<string> Lessons()
    {
        var notebooks = Repository.Notebooks();
        return notebooks.Count > 0 ? notebooks
            : throw new InvalidOperationException($"There are no notebooks in {Path.Combine(Repository.Root, "notebooks")}.");
    }
}
