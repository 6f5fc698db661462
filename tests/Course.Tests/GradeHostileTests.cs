using Xunit.Abstractions;

namespace Course.Tests;

/// <summary>
/// One real <c>course grade</c> over made-up submissions (<see cref="GradeSubmissions"/>): each right, wrong and hostile
/// answer is graded or marked with a clear reason within its limits, the others are unaffected, and nothing is left
/// running or on disk.
/// </summary>
public sealed class GradeHostileTests(GradeSubmissions run, ITestOutputHelper output) : IClassFixture<GradeSubmissions>
{
    const string One = GradeSubmissions.One;

    [Fact]
    public void TheRunSucceedsWithASortedQuotedGradebook()
    {
        output.WriteLine($"Grading the hostile folder took {run.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("student,lesson,exercise,passed,attempts,time,error", string.Join(',', run.Rows[0]));
        Assert.All(run.Rows, row => Assert.Equal(7, row.Length));
        var keys = run.Rows.Skip(1).Select(r => (r[0], r[1])).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
        Assert.Equal(Directory.GetDirectories(run.Submissions).Length + 1, keys.Count); // alice hands in two lessons
        Assert.True(run.Elapsed < TimeSpan.FromMinutes(4), $"grading took {run.Elapsed}");
    }

    [Fact]
    public void RightAnswersPassFromANotebookAndFromAnApp()
    {
        Assert.Equal(["alice", One, "SumOfSquares", "true", "2"], run.Row("alice")[..5]);
        Assert.Equal("", run.Row("alice")[6]);
        Assert.Equal(["alice", GradeSubmissions.Six, "Deal", "true", ""], run.Row("alice", GradeSubmissions.Six)[..5]);
        Assert.Contains("✓ Correct", run.Page("alice"));
    }

    [Fact]
    public void KnownWrongAnswersFailWithTheChecksMessage()
    {
        var wrong = run.Rows.Skip(1).Where(r => r[0].StartsWith("wrong-", StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + Directory.GetFiles(Path.Combine(Samples.Root, "notebooks", "teacher", GradeSubmissions.Six), "wrong-*.cs").Length, wrong.Count);
        Assert.All(wrong, row => Assert.Equal("false", row[3]));
        Assert.All(wrong, row => Assert.Equal("", row[6]));
        Assert.Contains("expected [1, 385, 333833500, 333338333350000]", run.Page("wrong-1-1"));
    }

    [Fact]
    public void AnEditedCheckCellDoesNotCount()
    {
        Assert.Equal("false", run.Row("edited-check")[3]);
        Assert.Contains("check cell was changed", run.Page("edited-check"));
    }

    [Theory]
    [InlineData("endless-loop", "did not finish within 30 s")]
    [InlineData("fork-bomb", "more processes and threads than")]
    [InlineData("exits", "ended before the check ran (exit code 0)")]
    [InlineData("memory-bomb", "more than the 512 MB of memory")]
    [InlineData("floods-output", "printed more than 4 MB")]
    [InlineData("not-json", "not valid JSON")]
    [InlineData("links-to-alice", "symbolic link")]
    [InlineData("calls-check", "called Exercise.Check itself")]
    [InlineData("module-initializer", "[ModuleInitializer]")]
    public void AHostileAnswerFailsWithAClearReason(string student, string reason)
    {
        var row = run.Row(student);
        Assert.Equal("false", row[3]);
        Assert.Contains(reason, row[6]);
        Assert.True(double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture) < GradeSubmissions.TimeLimit + 10, $"{student} took {row[5]} s");
        Assert.Contains(reason.Replace("'", "&#39;"), run.Page(student));
        Assert.DoesNotContain(run.SecretOfAlice, run.Page(student));
    }

    [Fact]
    public void AnEndlessFunctionIsStoppedByTheCheckItself()
    {
        var row = run.Row("endless-function");
        Assert.Equal("false", row[3]);
        Assert.Equal("", row[6]); // the check finished, and said why: no sandbox limit was needed
        Assert.True(double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture) < GradeSubmissions.TimeLimit, $"it took {row[5]} s");
        Assert.Contains("SumOfSquares did not finish within 20 s", run.Page("endless-function"));
    }

    [Fact]
    public void APrintedCorrectLineIsNotAResult()
    {
        Assert.Equal("false", run.Row("forges-correct")[3]);
        Assert.Equal("", run.Row("forges-correct")[6]);
        var page = run.Page("forges-correct");
        Assert.Contains("✗ Not yet", page);
        Assert.Contains("WriteLine", page); // the forging code is on the page, for the teacher to see
        Assert.Contains("✓ Correct: [1, 385, 333833500, 333338333350000]", Printed(page));
    }

    [Theory]
    [InlineData("reads-alice", 1)]
    [InlineData("reads-teacher", 1)]
    [InlineData("writes-outside", 2)]
    [InlineData("network", 2)]
    public void TheSandboxKeepsOtherFilesAndTheNetworkOut(string student, int attempts)
    {
        Assert.Equal("true", run.Row(student)[3]); // the answer itself is right, and graded as such
        var page = run.Page(student);
        var printed = Printed(page);
        output.WriteLine(printed);
        Assert.Equal(attempts, System.Text.RegularExpressions.Regex.Matches(printed, "blocked: ").Count);
        Assert.DoesNotContain("GOT THROUGH", printed);
        Assert.DoesNotContain(run.SecretOfAlice, page);
        Assert.False(File.Exists(run.Planted));
        Assert.False(File.Exists(run.PlantedInRepository));
        Assert.False(run.NetworkReached);
    }

    /// <summary>What a page shows the program printed (the code above it holds the same strings).</summary>
    static string Printed(string page)
    {
        var start = page.IndexOf("<h3>What it printed</h3>", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page shows no output");
        return page[start..];
    }

    [Fact]
    public void NothingIsLeftRunningOrOnDisk()
    {
        var pid = Environment.ProcessId;
        foreach (var controller in new[] { "memory", "pids" })
            Assert.Empty(Directory.GetDirectories($"/sys/fs/cgroup/{controller}", $"course-grade-{pid}-*"));
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), $"course-grade-{pid}-*"));
        var left = Directory.GetDirectories("/proc").Select(p => Path.GetFileName(p)).Where(p => p.All(char.IsAsciiDigit))
            .Select(p => { try { return File.ReadAllText($"/proc/{p}/cmdline").Replace('\0', ' '); } catch (IOException) { return ""; } })
            .Where(c => c.Contains("/app/Answer.dll") || c.Contains("sleep " + GradeSubmissions.SleepSeconds))
            .ToList();
        Assert.Empty(left);
    }
}
