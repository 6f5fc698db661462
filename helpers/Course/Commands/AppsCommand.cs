using System.CommandLine;
using Course.Apps;

namespace Course.Commands;

/// <summary><c>apps [--check]</c>: writes each lesson as a .NET file-based app next to its notebook, or checks they are current.</summary>
internal static class AppsCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check") { Description = "write nothing; fail when a committed app differs from what its notebook gives now" };
        var command = new Command("apps", "writes notebooks/NN-name.cs, a file-based app run with `dotnet run`, from each notebook in notebooks/")
        {
            check,
        };
        command.SetAction(parsed =>
        {
            var stale = 0;
            foreach (var notebook in CourseOptions.Lessons())
            {
                var app = Path.ChangeExtension(notebook, ".cs");
                var source = AppWriter.Write(notebook, NotebookFile.Read(notebook));
                var current = File.Exists(app) && File.ReadAllText(app) == source;
                if (parsed.GetValue(check))
                {
                    if (!current)
                    {
                        Console.Error.WriteLine($"{CourseOptions.Name(app)} differs from what {Path.GetFileName(notebook)} gives now; run `{AppWriter.Command}`.");
                        stale++;
                    }
                }
                else if (!current)
                {
                    File.WriteAllText(app, source);
                    Console.WriteLine($"wrote {CourseOptions.Name(app)}");
                }
            }
            return stale == 0 ? 0 : 1;
        });
        return command;
    }
}
