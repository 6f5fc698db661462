using System.CommandLine;

namespace Course.Commands;

/// <summary><c>check [--timeout SECONDS]</c>: every lesson runs, and each is committed clean.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var timeout = CourseOptions.Timeout();
        var command = new Command("check", "runs every notebook in notebooks/ and checks each is committed clean (no outputs, C# metadata)")
        {
            timeout,
        };
        command.SetAction(async parsed =>
        {
            var notebooks = CourseOptions.Lessons();
            var failed = 0;
            foreach (var notebook in notebooks)
            {
                var keepsRules = KeepsRules(notebook);
                if (!await RunCommand.RunOneAsync(notebook, CourseOptions.Run(parsed.GetValue(timeout))) || !keepsRules)
                    failed++;
            }
            Console.WriteLine($"{notebooks.Count - failed} of {notebooks.Count} notebooks ran without errors.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    static bool KeepsRules(string notebook)
    {
        var problems = NotebookRules.Problems(notebook);
        foreach (var problem in problems)
            Console.Error.WriteLine($"{CourseOptions.Name(notebook)}: {problem}");
        return problems.Count == 0;
    }
}
