namespace Course.Tests.Lessons;

/// <summary>
/// Everything particular to one lesson's checks, written once and run against every front end (the kernel runner, the
/// Jupyter client, the file-based app). A unit is <c>LessonNN</c> in this folder; <see cref="LessonUnits"/> finds it.
/// </summary>
public abstract class LessonUnit
{
    /// <summary>What the check says to a wrong answer.</summary>
    protected const string NotYet = "✗ Not yet";

    /// <summary>What the check says to a right answer.</summary>
    protected const string Correct = "✓ Correct";

    /// <summary>Asserts what the lesson must show in <paramref name="run"/>: its results, its charts and a check that works.</summary>
    public abstract void Check(LessonOutput run);

    /// <summary>The cell shows a figure: its static image (which every front end shows), its data, and the title. An app shows no HTML.</summary>
    protected static void AssertChart(LessonCell cell, string title)
    {
        if (cell.Html is not { } html)
            return;
        Assert.Contains("<img class=\"mp-figure-image\"", html);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
        Assert.Contains("class=\"mp-figure-data\"", html);
        Assert.Contains(title, System.Net.WebUtility.HtmlDecode(html));
    }

    /// <summary>
    /// The lesson's check rejects the stub it ships with and each known wrong answer (run after it), and accepts the
    /// solution run last; hints come in steps.
    /// </summary>
    protected static void AssertExercise(LessonOutput run)
    {
        var exercise = run.Exercise;
        Assert.Contains(NotYet, exercise.Stub);
        Assert.Contains(Correct, exercise.Solved);
        if (run is not NotebookLessonOutput notebook)
            return; // an app runs only the stub and the solution
        Assert.Equal(LessonRuns.WrongAnswers[run.Number].Length, exercise.Wrong.Count);
        Assert.All(exercise.Wrong, wrong => Assert.Contains(NotYet, wrong));
        Assert.Contains(Correct, notebook.LastOutput);
        AssertHintsInSteps(run.Number, exercise.Stub, exercise.Hints);
    }

    /// <summary>
    /// Hints come in steps: asked for before any check, the hint says to try first; the stub's "Not yet" is a nudge with
    /// no code and no line of the solution; asked for after it, the hint is a code skeleton that holds no line of the solution either.
    /// </summary>
    static void AssertHintsInSteps(string number, string stubCheck, IReadOnlyList<string> hints)
    {
        Assert.Equal(2, hints.Count);
        Assert.Contains("No hint yet: write your answer and run the check cell first", hints[0]);
        Assert.Contains("(attempt 1)", stubCheck);
        Assert.Contains("Exercise.Hint()", stubCheck);
        var notYet = stubCheck[stubCheck.IndexOf(NotYet, StringComparison.Ordinal)..].Split('\n')[0];
        Assert.DoesNotMatch(@"\w\([^)]*\);|=>|[{}]|\bnew \w|\breturn\b", notYet);
        Assert.Matches(@"^Hint for \w+:", hints[1].TrimStart());
        Assert.Matches(@"[{}]|\w\(.*\)", hints[1]);
        foreach (var line in SolutionLines(number))
        {
            Assert.DoesNotContain(line, notYet);
            Assert.DoesNotContain(line, hints[1]);
        }
    }

    /// <summary>The lines of a lesson's solution that give it away: longer than a brace, and not its signature.</summary>
    static IEnumerable<string> SolutionLines(string number)
    {
        var solution = LessonRuns.Solutions[number].Split('\n').Select(line => line.Trim()).ToArray();
        var signature = solution[0][..(solution[0].IndexOf(')') + 1)];
        return solution.Where(line => line.Length > 1 && line != signature);
    }

    /// <summary>Whether process <paramref name="pid"/> still runs (a zombie waiting for its parent does not count).</summary>
    protected static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            if (process.HasExited) return false;
            var stat = File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : "";
            return !stat.Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A number the lesson printed, read the same whatever the machine's culture.</summary>
    protected static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
