using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Course.Grading;

/// <summary>One exercise's result for one student: what the teacher's check reported.</summary>
internal sealed record ExerciseResult(string Name, bool Passed, string Message);

/// <summary>One lesson graded for one student.</summary>
/// <param name="Exercises">What the check reported, one per exercise (failed, with the error's reason, when it reported nothing).</param>
/// <param name="Attempts">The highest "(attempt N)" in the student's saved outputs, if any.</param>
/// <param name="Error">Why the lesson could not be graded as it should, in one sentence; null when it ran cleanly.</param>
/// <param name="Notes">What grading left out of the student's file, or put back into it.</param>
/// <param name="Code">The answer that was graded.</param>
/// <param name="Output">What the program printed, without the grading lines.</param>
internal sealed record LessonResult(string Student, string Lesson, string File, IReadOnlyList<ExerciseResult> Exercises, int? Attempts,
    TimeSpan Time, string? Error, IReadOnlyList<string> Notes, string? Code, string Output);

/// <summary>
/// Grades every student's lessons: for each (student, lesson) it takes the answer, writes and compiles the grading
/// program, runs it in the <see cref="Sandbox"/>, and reads the results only from the lines that carry the run's token.
/// Runs up to <c>jobs</c> at once; the results come back sorted, whatever order they finished in.
/// </summary>
internal static class Grader
{
    /// <summary>The (student, lesson file) pairs to grade in <paramref name="submissions"/>, sorted.</summary>
    public static IReadOnlyList<(string Student, string Path, TeacherLesson Lesson)> Find(string submissions, IReadOnlyDictionary<string, TeacherLesson> lessons)
    {
        var work = new List<(string, string, TeacherLesson)>();
        foreach (var folder in Directory.EnumerateDirectories(submissions).Order(StringComparer.Ordinal))
        {
            var student = Path.GetFileName(folder);
            if (student.StartsWith('.'))
                continue;
            var files = Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            foreach (var lesson in lessons.Values.OrderBy(l => l.Number, StringComparer.Ordinal))
            {
                var mine = files.Where(f => Path.GetFileName(f).StartsWith(lesson.Number + "-", StringComparison.Ordinal)).ToList();
                // A notebook wins over an app of the same lesson: it is what the course hands out first.
                var chosen = mine.FirstOrDefault(f => f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) ?? mine.FirstOrDefault();
                if (chosen is not null)
                    work.Add((student, chosen, lesson));
            }
        }
        return work;
    }

    public static async Task<IReadOnlyList<LessonResult>> GradeAsync(
        IReadOnlyList<(string Student, string Path, TeacherLesson Lesson)> work, SandboxLimits limits, int jobs, string scratch, Action<LessonResult>? done = null)
    {
        var results = new LessonResult[work.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (index, _) =>
        {
            var (student, path, lesson) = work[index];
            results[index] = await GradeOneAsync(student, path, lesson, limits, Path.Combine(scratch, $"run-{index}"));
            done?.Invoke(results[index]);
        });
        return results.OrderBy(r => r.Student, StringComparer.Ordinal).ThenBy(r => r.Lesson, StringComparer.Ordinal).ToList();
    }

    static async Task<LessonResult> GradeOneAsync(string student, string path, TeacherLesson lesson, SandboxLimits limits, string folder)
    {
        var answer = StudentAnswer.Read(lesson, path);
        LessonResult Failed(string error, TimeSpan time = default, string output = "") =>
            new(student, lesson.Name, answer.File, [new ExerciseResult(lesson.ExerciseName, false, error)], answer.Attempts, time, error, answer.Notes, answer.Code, output);
        if (answer.Error is not null || answer.Code is null)
            return Failed(answer.Error ?? "no answer");
        try
        {
            string source;
            try
            {
                source = AnswerProgram.Source(lesson, answer.Code);
            }
            catch (InvalidOperationException e)
            {
                return Failed(NotebookCells.OneLine(e.Message));
            }
            if (AnswerProgram.Compile(source, folder) is { } compileError)
                return Failed(compileError);
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            var run = await Sandbox.RunAsync(folder, AnswerProgram.Libraries.Value, token, limits);
            return Interpret(student, lesson, answer, run, token, limits);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    sealed record Report(string Exercise, bool Passed, int Attempt, string Message, bool InCheck);

    static LessonResult Interpret(string student, TeacherLesson lesson, StudentAnswer answer, SandboxRun run, string token, SandboxLimits limits)
    {
        var reports = new List<Report>();
        bool checkStarted = false, finished = false;
        var shown = new StringBuilder();
        foreach (var line in run.Output.Split('\n'))
        {
            if (!line.StartsWith(token + " ", StringComparison.Ordinal))
            {
                shown.Append(line).Append('\n');
                continue;
            }
            var parts = line.TrimEnd('\r').Split(' ');
            if (parts.Length != 3)
                continue;
            switch (parts[1])
            {
                case "check": checkStarted = true; break;
                case "done": finished = true; break;
                case "report":
                    var report = JsonSerializer.Deserialize<Report>(Convert.FromBase64String(parts[2]), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                    if (report is not null)
                        reports.Add(report);
                    break;
            }
        }
        var output = Collapse(shown.ToString());
        if (run.Errors.Length > 0)
            output += (output.Length > 0 ? "\n" : "") + "[standard error]\n" + Collapse(run.Errors);

        string? error = null;
        var megabytes = (double)limits.MemoryBytes / (1 << 20);
        if (run.OutputCapped)
            error = $"It printed more than {limits.OutputBytes / (1 << 20)} MB, so grading stopped reading and ended it.";
        else if (run.OutOfMemory && !finished)
            error = $"It used more than the {megabytes:0} MB of memory a run may use, and was killed.";
        else if (run.HitTaskLimit && !finished)
            error = $"It started more processes and threads than the {limits.Tasks} a run may have (a loop that starts processes?), and was stopped.";
        else if (run.TimedOut && !finished)
            error = $"It did not finish within {limits.Time.TotalSeconds:0} s (a loop that never ends, or a wait with no timeout?), and was killed.";
        else if (reports.Any(r => !r.InCheck))
            error = "Your answer called Exercise.Check itself; only the teacher's check counts, so nothing it reported does.";
        else if (!finished)
            error = (checkStarted ? "The check did not finish" : "The program ended before the check ran")
                + (run.ExitCode is { } code ? $" (exit code {code})" : "")
                + (Crash(run.Errors) is { } crash ? $": {crash}" : checkStarted ? "." : ": did your answer call Environment.Exit or return?");
        else if (reports.Count != lesson.ChecksReported)
            error = $"The check reported {reports.Count} results where it makes {lesson.ChecksReported}: did your answer call Exercise.Check?";

        var exercises = reports
            .GroupBy(r => r.Exercise.Length > 0 ? r.Exercise : lesson.ExerciseName)
            .Select(g => new ExerciseResult(g.Key, error is null && g.All(r => r.Passed), g.Last().Message))
            .ToList();
        if (exercises.Count == 0)
            exercises.Add(new ExerciseResult(lesson.ExerciseName, false, error ?? "The check reported nothing."));
        var notes = answer.Notes.ToList();
        if (finished && run.TimedOut)
            notes.Add($"The program did not exit within {limits.Time.TotalSeconds:0} s after its check; it was killed (the result stands).");
        return new LessonResult(student, lesson.Name, answer.File, exercises, answer.Attempts, run.Elapsed, error, notes, answer.Code, output);
    }

    /// <summary>The first line of an unhandled exception, the part a student can act on.</summary>
    static string? Crash(string errors) =>
        errors.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal)) is { } line
            ? line["Unhandled exception.".Length..].Trim()
            : null;

    /// <summary>Output as a page shows it: blank lines the grading lines left behind are dropped, and it stops at 20,000 characters.</summary>
    static string Collapse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0);
        var joined = string.Join('\n', lines);
        return joined.Length <= 20_000 ? joined : joined[..20_000] + $"\n… ({joined.Length - 20_000:N0} more characters not shown)";
    }
}
