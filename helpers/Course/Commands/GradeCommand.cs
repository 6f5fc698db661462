using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Course.Grading;

namespace Course.Commands;

/// <summary>
/// <c>grade SUBMISSIONS --out DIR</c>: grades each student's folder of lessons in a sandbox and writes
/// <c>DIR/gradebook.csv</c> and one feedback page per student (<c>DIR/feedback/STUDENT.html</c>).
/// </summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var submissions = new Argument<DirectoryInfo>("SUBMISSIONS") { Description = "a folder with one folder per student (its name is the student's), holding their NN-*.ipynb notebooks or NN-*.cs apps" };
        var output = CourseOptions.Out("where to write gradebook.csv and the feedback pages; not inside SUBMISSIONS");
        output.Required = true;
        var time = Number("--time-limit", "SECONDS", "the longest one lesson's grading may run", SandboxLimits.Default.Time.TotalSeconds, 1, 3600);
        var memory = Number("--memory-limit", "MB", "the memory one lesson's grading may use, all its processes together", SandboxLimits.Default.MemoryBytes >> 20, 64, 65536);
        var jobs = Number("--jobs", "N", "how many lessons to grade at once", Environment.ProcessorCount, 1, 256);
        var command = new Command("grade", "grades students' lessons in a sandbox: only the lesson's setup, the student's answer and the teacher's check run; writes gradebook.csv and a feedback page per student")
        {
            submissions, output, time, memory, jobs,
        };
        command.SetAction(async parsed =>
        {
            var from = Path.GetFullPath(parsed.GetValue(submissions)!.FullName);
            var to = Path.GetFullPath(parsed.GetValue(output)!.FullName);
            Validate(from, to);
            if (Sandbox.Problem() is { } problem || !OperatingSystem.IsLinux())
                throw new InvalidOperationException(Sandbox.Problem());
            Sandbox.SweepStale();
            var lessons = TeacherLesson.LoadAll(CourseOptions.Lessons());
            var work = Grader.Find(from, lessons);
            if (work.Count == 0)
                throw new ArgumentException($"{from} holds no student folder with a lesson (NN-name.ipynb or NN-name.cs) to grade.");

            var limits = SandboxLimits.Default with
            {
                Time = TimeSpan.FromSeconds(parsed.GetValue(time)),
                MemoryBytes = (long)parsed.GetValue(memory) << 20,
            };
            var scratch = Path.Combine(Path.GetTempPath(), $"course-grade-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(scratch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var clock = Stopwatch.StartNew();
            IReadOnlyList<LessonResult> results;
            try
            {
                Console.WriteLine($"Grading {work.Count} lessons of {work.Select(w => w.Student).Distinct().Count()} students, {(int)parsed.GetValue(jobs)} at a time…");
                results = await Grader.GradeAsync(work, limits, (int)parsed.GetValue(jobs), scratch, r =>
                    Console.WriteLine($"  {r.Student} {r.Lesson}: {string.Join(", ", r.Exercises.Select(e => $"{e.Name} {(e.Passed ? "passed" : "not yet")}"))}{(r.Error is null ? "" : " (" + r.Error + ")")}"));
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
            Directory.CreateDirectory(to);
            File.WriteAllText(Path.Combine(to, "gradebook.csv"), Gradebook.Write(results));
            var pages = Path.Combine(to, "feedback");
            Directory.CreateDirectory(pages);
            var sandbox = Describe(limits);
            foreach (var student in results.GroupBy(r => r.Student))
                File.WriteAllText(Path.Combine(pages, PageName(student.Key)), FeedbackPage.Write(student.Key, student.ToList(), sandbox));
            Console.WriteLine($"Graded in {clock.Elapsed.TotalSeconds:0.0} s: {CourseOptions.Name(Path.Combine(to, "gradebook.csv"))} and {results.Select(r => r.Student).Distinct().Count()} pages in {CourseOptions.Name(pages)}.");
            return 0;
        });
        return command;
    }

    /// <summary>Refuses, before any work, a SUBMISSIONS that is not a folder and an output folder inside it (or around it).</summary>
    /// <exception cref="ArgumentException">Throws with a sentence saying what is wrong and what to do.</exception>
    internal static void Validate(string from, string to)
    {
        if (!Directory.Exists(from))
            throw new ArgumentException($"There is no folder {from}: SUBMISSIONS is a folder with one folder per student.");
        if (IsInside(to, from))
            throw new ArgumentException($"--out {to} is inside SUBMISSIONS ({from}): write the gradebook elsewhere, where it cannot be taken for a student's folder.");
        if (IsInside(from, to))
            throw new ArgumentException($"SUBMISSIONS ({from}) is inside --out {to}: choose an output folder of its own.");
    }

    /// <summary>The sandbox's limits, as the feedback pages state them.</summary>
    static string Describe(SandboxLimits limits) =>
        $"it ran in a sandbox with no network, nothing readable but the system, .NET and the course's helpers, and at most {limits.Time.TotalSeconds:0} s, " +
        $"{limits.MemoryBytes >> 20} MB of memory, {limits.Tasks} processes and threads and {limits.OutputBytes >> 20} MB of output.";

    /// <summary>A file name for a student's page: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    public static string PageName(string student) =>
        new string(student.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).TrimStart('.') + ".html";

    static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    static Option<double> Number(string name, string help, string description, double fallback, double min, double max) => new(name)
    {
        Description = description,
        HelpName = help,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            result.AddError($"{name} takes a number from {min} to {max}, such as {name} {fallback}; '{text}' is not one.");
            return 0;
        },
    };
}
