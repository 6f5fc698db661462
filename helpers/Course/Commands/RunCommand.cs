using System.CommandLine;

namespace Course.Commands;

/// <summary><c>run NOTEBOOK [--write | --out DIR] [--timeout SECONDS] [--cores N]</c>: one notebook, headless, in the pinned kernel.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebook = new Argument<FileInfo>("NOTEBOOK") { Description = "the .ipynb file to run" };
        notebook.AcceptExistingOnly();
        var write = new Option<bool>("--write") { Description = "save the executed notebook over the original" };
        var output = CourseOptions.Out("save the executed notebook in DIR instead");
        var timeout = CourseOptions.Timeout();
        var cores = CourseOptions.Cores();
        var command = new Command("run", "runs one notebook in the pinned kernel and stops at the first failing cell")
        {
            notebook, write, output, timeout, cores,
        };
        command.SetAction(async parsed =>
        {
            var path = parsed.GetValue(notebook)!.FullName;
            var dir = parsed.GetValue(output)?.FullName;
            var ran = await RunOneAsync(path, CourseOptions.Run(parsed.GetValue(timeout), parsed.GetValue(cores)), parsed.GetValue(write) || dir is not null, dir);
            return ran ? 0 : 1;
        });
        return command;
    }

    /// <summary>Runs one notebook, printing each cell's progress; saves it when asked.</summary>
    /// <returns>True when every cell ran.</returns>
    public static async Task<bool> RunOneAsync(string notebook, RunOptions options, bool write = false, string? outDirectory = null)
    {
        Console.WriteLine($"{CourseOptions.Name(notebook)}:{(options.Cores is { } cores ? $" (on {cores} {(cores == 1 ? "core" : "cores")})" : "")}");
        var run = await NotebookRunner.RunAsync(notebook, options, Console.WriteLine);
        if (write)
        {
            var target = outDirectory is { } dir ? Path.Combine(dir, Path.GetFileName(notebook)) : notebook;
            NotebookFile.Write(run.Document, target);
            Console.WriteLine($"  wrote {CourseOptions.Name(target)}");
        }
        if (!CourseOptions.ReportFailure(run))
            return false;
        Console.WriteLine($"  ok in {run.Elapsed.TotalSeconds:0.0} s");
        return true;
    }
}
