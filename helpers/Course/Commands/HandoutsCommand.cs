using System.CommandLine;
using Course.Handouts;

namespace Course.Commands;

/// <summary><c>handouts [--out DIR] [--timeout SECONDS]</c>: every lesson as an offline HTML page.</summary>
internal static class HandoutsCommand
{
    public static Command Create()
    {
        var output = CourseOptions.Out("the folder to write the pages into (default artifacts/handouts/)");
        var timeout = CourseOptions.Timeout();
        var command = new Command("handouts", "runs every notebook in notebooks/ and writes each as a self-contained HTML page, with an index.html")
        {
            output, timeout,
        };
        command.SetAction(async parsed =>
        {
            var outDirectory = parsed.GetValue(output)?.FullName ?? Path.Combine(Repository.Root, "artifacts", "handouts");
            var handouts = await HandoutWriter.WriteAsync(CourseOptions.Lessons(), outDirectory, CourseOptions.Run(parsed.GetValue(timeout)), Console.WriteLine);
            if (handouts.Failed is { } failed)
            {
                CourseOptions.ReportFailure(failed);
                Console.Error.WriteLine("No handouts were written.");
                return 1;
            }
            Console.WriteLine($"{handouts.Pages.Count} handouts; open {CourseOptions.Name(handouts.Index!)}");
            return 0;
        });
        return command;
    }
}
