using System.CommandLine;
using Course.Release;

namespace Course.Commands;

/// <summary><c>release OUT</c>: writes the students' copy of the course, without solutions, tests or teacher's notes.</summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("OUT") { Description = "a new or empty folder outside the course" };
        var command = new Command("release", "writes a student copy of the course into OUT: the lessons, their apps and the helpers, with STUDENTS.md; no solutions, tests or TEACHERS.md")
        {
            output,
        };
        command.SetAction(parsed =>
        {
            var target = parsed.GetValue(output)!;
            var written = StudentRelease.Write(Repository.Root, target);
            var lessons = written.Count(path => path.StartsWith("notebooks/", StringComparison.Ordinal) && path.EndsWith(".ipynb", StringComparison.Ordinal));
            Console.WriteLine($"Wrote the students' release to {Path.GetFullPath(target)}: {lessons} lessons, {written.Count} files. Students start with STUDENTS.md.");
            return 0;
        });
        return command;
    }
}
