using Course.Apps;
using Course.Commands;
using Course.Grading;

namespace Course.Tests;

/// <summary>What grading takes from a student's file and refuses before any work; no sandbox needed.</summary>
public sealed class GradeInputTests
{
    static readonly TeacherLesson One = TeacherLesson.Load(Path.Combine(Samples.Root, "notebooks", "01-what-is-multiprocessing.ipynb"))!;

    [Fact]
    public void AMissingFolderOrAnOutputInsideSubmissionsIsRefusedFirst()
    {
        var root = Directory.CreateTempSubdirectory("course-grade-input-").FullName;
        try
        {
            var missing = Assert.Throws<ArgumentException>(() => GradeCommand.Validate(Path.Combine(root, "nowhere"), Path.Combine(root, "out")));
            Assert.Contains("There is no folder", missing.Message);
            var inside = Assert.Throws<ArgumentException>(() => GradeCommand.Validate(root, Path.Combine(root, "out")));
            Assert.Contains("is inside SUBMISSIONS", inside.Message);
            Assert.False(Directory.Exists(Path.Combine(root, "out")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheLessonsGradingCellsAreFoundByTheirTags()
    {
        Assert.Equal("01", One.Number);
        Assert.Equal("SumOfSquares", One.ExerciseName);
        Assert.Equal(1, One.ChecksReported);
        Assert.Contains("ProcessPool", One.Check.Source);
        Assert.DoesNotContain(One.Setup, c => c.Source.Contains("#load"));
    }

    [Fact]
    public void ANotebooksAnswerIsItsExerciseCellAndTheCellsAddedAfterIt()
    {
        var notebook = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "notebooks", "01-what-is-multiprocessing.ipynb")))!;
        var list = notebook["cells"]!.AsArray();
        var exercise = list.Select((c, i) => (c, i)).Single(x => x.c!["id"]!.GetValue<string>() == One.Exercise.Id).i;
        list[exercise]!["source"] = "#r \"nuget: Evil, 1.0\"\nstatic long SumOfSquares(int n) => Helper(n);\n";
        list.Insert(exercise + 1, new System.Text.Json.Nodes.JsonObject
        {
            ["cell_type"] = "code", ["id"] = "mine-1", ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["source"] = "static long Helper(int n) => n;",
            ["outputs"] = new System.Text.Json.Nodes.JsonArray(), ["execution_count"] = null,
        });
        var check = list.Single(c => c!["id"]!.GetValue<string>() == One.Check.Id)!;
        check["source"] = "Exercise.Check(true, \"yes\", \"no\");";
        var path = Path.Combine(Path.GetTempPath(), $"course-grade-answer-{Guid.NewGuid():N}-01-what-is-multiprocessing.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        try
        {
            var answer = StudentAnswer.Read(One, path);
            Assert.Null(answer.Error);
            Assert.Contains("Helper(n);", answer.Code);
            Assert.Contains("static long Helper(int n) => n;", answer.Code);
            Assert.DoesNotContain("#r", answer.Code);
            Assert.Contains(answer.Notes, n => n.Contains("Removed the line '#r"));
            Assert.Contains(answer.Notes, n => n.Contains("check cell was changed"));
            Assert.DoesNotContain("Exercise.Check(true", AnswerProgram.Source(One, answer.Code!));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A notebook handed out before the cells had their present ids is graded by its exercise and check tags.</summary>
    [Fact]
    public void ANotebookWithTheOldCellIdsIsGradedByItsTags()
    {
        var notebook = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "notebooks", "01-what-is-multiprocessing.ipynb")))!;
        var list = notebook["cells"]!.AsArray();
        var exercise = list.Single(c => c!["id"]!.GetValue<string>() == One.Exercise.Id)!;
        exercise["id"] = "cell-20";
        exercise["source"] = "static long SumOfSquares(int n) => 42;\n";
        var check = list.Single(c => c!["id"]!.GetValue<string>() == One.Check.Id)!;
        check["id"] = "cell-21";
        check["source"] = "Exercise.Check(true, \"yes\", \"no\");";
        var path = Path.Combine(Path.GetTempPath(), $"course-grade-answer-{Guid.NewGuid():N}-01-what-is-multiprocessing.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        try
        {
            var answer = StudentAnswer.Read(One, path);
            Assert.Null(answer.Error);
            Assert.Equal("static long SumOfSquares(int n) => 42;\n", answer.Code);
            Assert.Contains(answer.Notes, n => n.Contains("check cell was changed"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnAppsAnswerIsWhatIsBetweenItsMarks()
    {
        var app = File.ReadAllText(Path.Combine(Samples.Root, "notebooks", "01-what-is-multiprocessing.cs"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(app, System.Text.RegularExpressions.Regex.Escape(AppWriter.ExerciseBegin)));
        var path = Path.Combine(Path.GetTempPath(), $"course-grade-answer-{Guid.NewGuid():N}-01.cs");
        File.WriteAllText(path, app.Replace("return 0;", "return 42;"));
        try
        {
            var answer = StudentAnswer.Read(One, path);
            Assert.Contains("return 42;", answer.Code);
            Assert.DoesNotContain("ProcessPool", answer.Code);
            File.WriteAllText(path, app.Replace(AppWriter.ExerciseEnd, ""));
            Assert.Contains("lost its answer marks", StudentAnswer.Read(One, path).Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheGradebookQuotesCommasQuotesAndFormulas()
    {
        var csv = Gradebook.Write([new LessonResult("o'neil, \"jo\"", "01-x", "01-x.ipynb", [new ExerciseResult("=SUM(A1)", false, "m")], 3,
            TimeSpan.FromSeconds(1.25), "line one,\nline two", [], null, "")]);
        var rows = GradeSubmissions.ParseCsv(csv);
        Assert.Equal(["o'neil, \"jo\"", "01-x", "'=SUM(A1)", "false", "3", "1.3", "line one, line two"], rows[1]);
    }
}
