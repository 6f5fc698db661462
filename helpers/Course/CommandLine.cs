namespace Course;

/// <summary>Parses the course tool's arguments and runs the command they name.</summary>
internal static class CommandLine
{
    const string Usage = """
        Usage:
          dotnet run --project helpers/Course -- run NOTEBOOK [--write] [--out DIR] [--timeout SECONDS]
          dotnet run --project helpers/Course -- check [--timeout SECONDS]

          run      runs one notebook in the pinned kernel and stops at the first failing cell
          check    runs every notebook in notebooks/
          --write  saves the executed notebook over the original (--out DIR saves it in DIR instead)
          --timeout  the longest one cell may run, in seconds (default 120)
        """;

    /// <summary>Runs the command; returns the process exit code (0 when every notebook ran).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var options = Parse(args);
            var notebooks = options.Command == "check" ? Repository.Notebooks() : [options.Notebook!];
            if (notebooks.Count == 0)
            {
                Console.Error.WriteLine($"There are no notebooks in {Path.Combine(Repository.Root, "notebooks")}.");
                return 1;
            }
            var failed = 0;
            foreach (var notebook in notebooks)
                if (!await RunOneAsync(notebook, options))
                    failed++;
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
        var name = Path.GetRelativePath(Environment.CurrentDirectory, notebook);
        Console.WriteLine($"{name}:");
        var run = await NotebookRunner.RunAsync(notebook, options.Run, Console.WriteLine);
        if (options.Write)
        {
            var target = options.OutDirectory is { } dir ? Path.Combine(dir, Path.GetFileName(notebook)) : notebook;
            NotebookFile.Write(run.Document, target);
            Console.WriteLine($"  wrote {Path.GetRelativePath(Environment.CurrentDirectory, target)}");
        }
        if (run.Failure is { } failure)
        {
            Console.Error.WriteLine($"{name}: cell {failure.Cell} failed:\n{failure.Message}");
            return false;
        }
        Console.WriteLine($"  ok in {run.Elapsed.TotalSeconds:0.0} s");
        return true;
    }

    sealed record Options(string Command, string? Notebook, bool Write, string? OutDirectory, RunOptions Run);

    static Options Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("run" or "check"))
            throw new ArgumentException(Usage);
        string? notebook = null, outDirectory = null;
        var write = false;
        var run = RunOptions.Default;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--write":
                    write = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDirectory = args[++i];
                    write = true;
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
