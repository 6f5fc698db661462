using Course.Handouts;

namespace Course;

/// <summary>Parses the course tool's arguments and runs the command they name.</summary>
internal static class CommandLine
{
    const string Usage = """
        Usage:
          dotnet run --project helpers/Course -- run NOTEBOOK [--write] [--out DIR] [--timeout SECONDS]
          dotnet run --project helpers/Course -- check [--timeout SECONDS]
          dotnet run --project helpers/Course -- handouts [--out DIR] [--timeout SECONDS]

          run        runs one notebook in the pinned kernel and stops at the first failing cell
          check      runs every notebook in notebooks/ and checks each is committed clean (no outputs, C# metadata)
          handouts   runs every notebook in notebooks/ and writes each as a self-contained HTML page,
                     with an index.html, into artifacts/handouts/ (or --out DIR)
          --write    saves the executed notebook over the original (--out DIR saves it in DIR instead)
          --timeout  the longest one cell may run, in seconds (default 120)
        """;

    /// <summary>Runs the command; returns the process exit code (0 when every notebook ran).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var options = Parse(args);
            var notebooks = options.Command is "check" or "handouts" ? Repository.Notebooks() : [options.Notebook!];
            if (notebooks.Count == 0)
            {
                Console.Error.WriteLine($"There are no notebooks in {Path.Combine(Repository.Root, "notebooks")}.");
                return 1;
            }
            if (options.Command == "handouts")
                return await HandoutsAsync(notebooks, options);
            var failed = 0;
            foreach (var notebook in notebooks)
            {
                // check also holds each committed lesson to the rules: no outputs, C# metadata, the setup cell first.
                bool keepsRules = options.Command != "check" || KeepsRules(notebook);
                if (!await RunOneAsync(notebook, options) || !keepsRules)
                    failed++;
            }
            if (notebooks.Count > 1)
                Console.WriteLine($"{notebooks.Count - failed} of {notebooks.Count} notebooks ran without errors.");
            return failed == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    static async Task<bool> RunOneAsync(string notebook, Options options)
    {
        Console.WriteLine($"{Name(notebook)}:");
        var run = await NotebookRunner.RunAsync(notebook, options.Run, Console.WriteLine);
        if (options.Write)
        {
            var target = options.OutDirectory is { } dir ? Path.Combine(dir, Path.GetFileName(notebook)) : notebook;
            NotebookFile.Write(run.Document, target);
            Console.WriteLine($"  wrote {Path.GetRelativePath(Environment.CurrentDirectory, target)}");
        }
        if (!ReportFailure(run))
            return false;
        Console.WriteLine($"  ok in {run.Elapsed.TotalSeconds:0.0} s");
        return true;
    }

    static bool KeepsRules(string notebook)
    {
        var problems = NotebookRules.Problems(notebook);
        foreach (var problem in problems)
            Console.Error.WriteLine($"{Name(notebook)}: {problem}");
        return problems.Count == 0;
    }

    static async Task<int> HandoutsAsync(IReadOnlyList<string> notebooks, Options options)
    {
        var outDirectory = options.OutDirectory ?? Path.Combine(Repository.Root, "artifacts", "handouts");
        var handouts = await HandoutWriter.WriteAsync(notebooks, outDirectory, options.Run, Console.WriteLine);
        if (handouts.Failed is { } failed)
        {
            ReportFailure(failed);
            Console.Error.WriteLine("No handouts were written.");
            return 1;
        }
        Console.WriteLine($"{handouts.Pages.Count} handouts; open {Path.GetRelativePath(Environment.CurrentDirectory, handouts.Index!)}");
        return 0;
    }

    /// <returns>True when the run succeeded; otherwise prints which notebook and cell failed, and why.</returns>
    static bool ReportFailure(NotebookRun run)
    {
        if (run.Failure is not { } failure)
            return true;
        Console.Error.WriteLine($"{Name(run.Path)}: cell {failure.Cell} failed:\n{failure.Message}");
        return false;
    }

    static string Name(string notebook) => Path.GetRelativePath(Environment.CurrentDirectory, notebook);

    sealed record Options(string Command, string? Notebook, bool Write, string? OutDirectory, RunOptions Run);

    static Options Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("run" or "check" or "handouts"))
            throw new ArgumentException(Usage);
        string? notebook = null, outDirectory = null;
        var write = false;
        var run = RunOptions.Default;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--write" when args[0] != "handouts":
                    write = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDirectory = args[++i];
                    write = args[0] != "handouts"; // handouts always write, as HTML
                    break;
                case "--timeout" when i + 1 < args.Length && double.TryParse(args[i + 1], out var seconds) && seconds > 0:
                    run = run with { CellTimeout = TimeSpan.FromSeconds(seconds) };
                    i++;
                    break;
                case var value when !value.StartsWith("--") && notebook is null && args[0] == "run":
                    notebook = Path.GetFullPath(value);
                    break;
                default:
                    throw new ArgumentException($"Did not understand '{args[i]}'.\n{Usage}");
            }
        }
        if (args[0] == "run" && notebook is null)
            throw new ArgumentException($"Name the notebook to run.\n{Usage}");
        return new Options(args[0], notebook, write, outDirectory, run);
    }
}
