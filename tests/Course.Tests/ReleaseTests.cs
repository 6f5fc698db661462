using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Release;

namespace Course.Tests;

/// <summary>
/// <c>course release OUT</c>: the students' copy holds no solution (searched for, line by line), no test and no
/// teacher's file; its helpers build; a lesson app runs from it with its stub; and bad input writes nothing.
/// </summary>
public class ReleaseTests(ReleaseFolder release) : IClassFixture<ReleaseFolder>
{
    /// <summary>
    /// Solution lines that may appear in the release, each where it may and why. Only lines any other code could hold,
    /// or that the lesson itself shows before its exercise: a line here is still searched for in every other file.
    /// </summary>
    static readonly (string Lesson, string Line, string AllowedIn, string Why)[] Shown =
    [
        ("01", "long sum = 0;", "notebooks/", "every summing loop starts so; lessons 5 and 7 sum numbers of their own"),
        ("01", "return sum;", "notebooks/", "the same: lesson 5's sums end so"),
        ("07", "for (int i = 1; i <= count; i++) queue.Put(i);", "notebooks/07-", "lesson 7's own producer, shown before the exercise, which asks for the end markers"),
        ("02", "for (int i = 0; i < times; i++) mine += 1;", "notebooks/07-", "lesson 7 times lesson 2's technique, after lesson 2, as lesson 2's exercise says it will; lesson 2's own lock line stays hidden"),
    ];

    [Fact]
    public void TheReleaseWasWrittenAndSaysWhereToStart()
    {
        Assert.True(release.Release.ExitCode == 0, release.Release.Output + release.Release.Errors);
        Assert.Contains("Students start with STUDENTS.md", release.Release.Output);
        Assert.Contains("STUDENTS.md", File.ReadAllText(Path.Combine(release.Out, "README.md")));
    }

    [Fact]
    public void NoFileInTheReleaseHoldsAnyLineOfASolution()
    {
        Assert.NotEmpty(release.Files);
        var files = release.Files.ToDictionary(file => file, file => Normalised(Searchable(Path.Combine(release.Out, file))));
        var found = new List<string>();
        foreach (var (lesson, solution) in LessonRuns.Solutions.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Assert.NotEmpty(AnswerLines(solution));
            foreach (var (file, text) in files)
            {
                if (Holds(text, Normalised(solution)))
                    found.Add($"lesson {lesson}'s whole solution is in {file}");
                foreach (var line in AnswerLines(solution))
                    if (Holds(text, Normalised(line))
                        && !Shown.Any(shown => shown.Lesson == lesson && shown.Line == line && file.StartsWith(shown.AllowedIn, StringComparison.Ordinal)))
                        found.Add($"lesson {lesson}'s solution line `{line}` is in {file}");
            }
        }
        Assert.True(found.Count == 0, $"The students' release holds solution text ({found.Count}):\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheSearchLooksForTheAnswerLinesNotTheBracesCommentsOrSignature()
    {
        // The search above is only as good as the lines it looks for.
        const string block = """
            static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)
            {
                // the answer
                try { return result.Get(timeout); }
                catch (TimeoutException) { return fallback; }
            };
            """;
        Assert.Equal(["try { return result.Get(timeout); }", "catch (TimeoutException) { return fallback; }"], AnswerLines(block));
        Assert.Equal(["numbers[index] * numbers[index];"], AnswerLines("static int Square(SharedArray<int> numbers, int index) => numbers[index] * numbers[index];"));
        Assert.Equal("long sum=0;", Normalised("  long  sum\n=\t0;\n"));
        // Found as code, however it is spaced, but not inside a longer word or number.
        Assert.True(Holds(Normalised("int x = 1;\nreturn 25;"), Normalised("25;")));
        Assert.True(Holds(Normalised("Hint: try {return result.Get( timeout );}"), Normalised("try { return result.Get(timeout); }")));
        Assert.False(Holds(Normalised("return 625;"), Normalised("25;")));
        Assert.False(Holds(Normalised("h1 { line-height: 1.25; }"), Normalised("25;")));
        Assert.False(Holds(Normalised("var total = 0;"), Normalised("al = 0;")));
        Assert.Equal(LessonRuns.Lessons.Count, LessonRuns.Solutions.Count);
    }

    [Fact]
    public void TheReleaseLeavesOutTestsSolutionsAndTeachersNotes()
    {
        Assert.True(release.Release.ExitCode == 0, release.Release.Errors);
        Assert.DoesNotContain(release.Files, file => file.StartsWith("tests/", StringComparison.Ordinal) || file.StartsWith(".ci/", StringComparison.Ordinal));
        Assert.DoesNotContain(release.Files, file => file.Split('/').Any(part => part.Equals("teacher", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(release.Files, file => Path.GetFileName(file).Equals("TEACHERS.md", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(release.Files, file => file.Split('/').Any(part => part is "bin" or "obj" or "artifacts"));
        Assert.DoesNotContain("tests/", File.ReadAllText(Path.Combine(release.Out, "Multiprocessing.slnx")));
        // The teachers' and contributors' READMEs (notebooks/, helpers/*) stay out; the release has its own, pointing to STUDENTS.md.
        Assert.Equal(["README.md"], release.Files.Where(file => Path.GetFileName(file) == "README.md"));
        foreach (var file in new[] { "STUDENTS.md", "README.md", "global.json", "Directory.Build.props", "Directory.Packages.props", ".gitignore", ".editorconfig",
                     ".config/dotnet-tools.json", ".devcontainer/devcontainer.json", ".vscode/extensions.json", "Multiprocessing.slnx",
                     "notebooks/Directory.Build.targets", "helpers/setup.csx", "helpers/Course/Course.csproj" })
            Assert.Contains(file, release.Files);
        var lessons = LessonRuns.Lessons.Select(Path.GetFileName).ToArray();
        Assert.Equal(LessonRuns.Lessons.Count, lessons.Length);
        foreach (var lesson in lessons)
        {
            Assert.Contains($"notebooks/{lesson}", release.Files);
            Assert.Contains($"notebooks/{Path.ChangeExtension(lesson, ".cs")}", release.Files);
        }
    }

    [Fact]
    public void EveryLessonsSetupAndEveryAppsProjectResolveInTheRelease()
    {
        var notebooks = Path.Combine(release.Out, "notebooks");
        foreach (var lesson in release.Files.Where(file => Regex.IsMatch(file, @"^notebooks/\d\d-.*\.ipynb$")))
        {
            var load = Regex.Match(File.ReadAllText(Path.Combine(release.Out, lesson)), @"#load \\""(?<path>[^\\""]+)\\""");
            Assert.True(load.Success, $"{lesson} loads no setup script");
            Assert.True(File.Exists(Path.Combine(notebooks, load.Groups["path"].Value)), $"{lesson} loads {load.Groups["path"].Value}, which the release lacks");

            var app = Path.ChangeExtension(lesson, ".cs");
            var project = Regex.Match(File.ReadAllText(Path.Combine(release.Out, app)), @"^#:project (?<path>.+)$", RegexOptions.Multiline);
            Assert.True(project.Success, $"{app} references no project");
            Assert.True(Directory.Exists(Path.Combine(notebooks, project.Groups["path"].Value.Trim())), $"{app} references {project.Groups["path"].Value}, which the release lacks");
        }
    }

    [Fact]
    public void TheReleasesHelpersBuildInRelease()
    {
        Assert.True(release.Release.ExitCode == 0, release.Release.Errors);
        // What a lesson's first cell runs when the helpers are missing (helpers/setup.csx).
        var build = ReleaseFolder.Run("dotnet", ["build", "-c", "Release", "helpers/Course.Notebooks", "-nologo", "-v", "q", "-nodeReuse:false"],
            release.Out, TimeSpan.FromMinutes(6));
        Assert.True(build.ExitCode == 0, build.Output + build.Errors);
        Assert.True(File.Exists(Path.Combine(release.Out, "artifacts", "bin", "Course.Notebooks", "release", "Course.Notebooks.dll")));
    }

    [Fact]
    public void ALessonAppRunsFromTheReleaseWithItsStubAndSaysNotYet()
    {
        Assert.True(release.Release.ExitCode == 0, release.Release.Errors);
        // Lesson 5 is one of the quickest (about 15 s beside its build).
        var run = ReleaseFolder.Run("dotnet", ["run", "--file", "notebooks/05-creating-a-pool.cs"], release.Out, TimeSpan.FromMinutes(6));
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("✗ Not yet", run.Output);
    }

    [Fact]
    public void AReleaseOfTheReleaseHoldsTheSameFiles()
    {
        // The release is a course of its own (its tool, its lessons), and the list of what goes in is closed under it.
        var again = release.Beside("again");
        Assert.Equal(release.Files, StudentRelease.Write(release.Out, again).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnAppBehindItsNotebookIsRefusedBeforeAnythingIsWritten()
    {
        var course = release.Beside("stale-course");
        StudentRelease.Write(release.Out, course);
        File.AppendAllText(Path.Combine(course, "notebooks", "05-creating-a-pool.cs"), "// edited by hand\n");
        var target = release.Beside("stale-release");
        var error = Assert.Throws<InvalidOperationException>(() => StudentRelease.Write(course, target));
        Assert.Contains("notebooks/05-creating-a-pool.cs differs from what 05-creating-a-pool.ipynb gives now", error.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void AMissingFolderIsAClearErrorAndWritesNothing()
    {
        var run = ReleaseFolder.Tool(["release"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Required argument 'OUT' missing for command: 'release'.", run.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("artifacts/student-release")]
    [InlineData("notebooks/student-release")]
    public void AFolderInsideTheCourseIsRefusedAndNothingIsWritten(string inside)
    {
        var target = Path.Combine(Samples.Root, inside);
        var before = Entries(target);
        var run = ReleaseFolder.Tool(["release", target]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is inside the course", run.Errors);
        Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.Equal(before, Entries(target));
    }

    [Fact]
    public void AFolderInsideTheCourseThroughALinkIsRefusedToo()
    {
        var link = release.Beside("link-to-notebooks");
        Directory.CreateSymbolicLink(link, Path.Combine(Samples.Root, "notebooks"));
        var run = ReleaseFolder.Tool(["release", Path.Combine(link, "student-release")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is inside the course", run.Errors);
        Assert.False(Directory.Exists(Path.Combine(Samples.Root, "notebooks", "student-release")));
        File.Delete(link); // the link only: the course's notebooks stay
    }

    [Fact]
    public void AFolderThatIsNotEmptyIsRefusedAndLeftAsItWas()
    {
        var folder = Directory.CreateTempSubdirectory("course-release-full-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "homework.txt"), "mine");
            var run = ReleaseFolder.Tool(["release", folder]);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("is not empty", run.Errors);
            Assert.Equal(["homework.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFileIsRefusedAndLeftAsItWas()
    {
        var folder = Directory.CreateTempSubdirectory("course-release-file-").FullName;
        try
        {
            var file = Path.Combine(folder, "release");
            File.WriteAllText(file, "mine");
            var run = ReleaseFolder.Tool(["release", file]);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("is a file", run.Errors);
            Assert.Equal("mine", File.ReadAllText(file));
            Assert.Single(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What a folder holds, or null when there is none.</summary>
    static string[]? Entries(string folder) =>
        Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToArray() : null;

    /// <summary>
    /// The lines of a solution that carry the answer: not blank, not a brace, not a comment, and not the signature the
    /// stub shares (its first line; of a one-line member, the body after "=>" counts).
    /// </summary>
    static IReadOnlyList<string> AnswerLines(string solution)
    {
        var lines = solution.Split('\n').Select(line => line.Trim())
            .Where(line => line.Length > 0 && line.Trim('{', '}', ';', ' ').Length > 0 && !line.StartsWith("//", StringComparison.Ordinal)).ToList();
        var signature = lines[0];
        var arrow = signature.IndexOf("=>", StringComparison.Ordinal);
        lines.RemoveAt(0);
        if (arrow >= 0)
            lines.Insert(0, signature[(arrow + 2)..].Trim());
        return lines;
    }

    /// <summary>
    /// A file's text, then the same with C#'s escapes undone (an interpolated string writes a brace twice), and for JSON
    /// (a notebook) every string in it decoded: a line written inside a string literal is found too.
    /// </summary>
    static string Searchable(string path)
    {
        var text = Strings(path);
        return text + "\n" + text.Replace("{{", "{").Replace("}}", "}").Replace("\\\"", "\"").Replace("\\n", "\n");
    }

    static string Strings(string path)
    {
        var text = File.ReadAllText(path);
        if (!path.EndsWith(".ipynb", StringComparison.Ordinal) && !path.EndsWith(".json", StringComparison.Ordinal))
            return text;
        var decoded = new StringBuilder(text);
        try
        {
            using var json = JsonDocument.Parse(text);
            AppendStrings(json.RootElement, decoded);
        }
        catch (JsonException)
        {
            // not JSON after all: its text is searched as it is
        }
        return decoded.ToString();
    }

    static void AppendStrings(JsonElement element, StringBuilder into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Append('\n').Append(element.GetString());
                break;
            case JsonValueKind.Array:
                // A notebook's source is a list of lines: joined, a solution spread over several is found whole.
                into.Append('\n');
                foreach (var item in element.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) into.Append(item.GetString()); else AppendStrings(item, into);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    AppendStrings(property.Value, into);
                break;
        }
    }

    /// <summary>
    /// Whitespace removed, except one space between two words ("return 25"), so a line is found however it is
    /// indented, wrapped or spaced.
    /// </summary>
    static string Normalised(string text) => Regex.Replace(text, @"\s+", space =>
    {
        int before = space.Index - 1, after = space.Index + space.Length;
        return before >= 0 && after < text.Length && IsWord(text[before]) && IsWord(text[after]) ? " " : "";
    });

    /// <summary>
    /// Whether <paramref name="text"/> holds <paramref name="code"/> as code, not inside a longer word or number: a
    /// short answer such as <c>25;</c> is not found in <c>return 625;</c> or <c>1.25;</c>.
    /// </summary>
    static bool Holds(string text, string code)
    {
        for (var at = text.IndexOf(code, StringComparison.Ordinal); at >= 0; at = text.IndexOf(code, at + 1, StringComparison.Ordinal))
        {
            var end = at + code.Length;
            // A number is not found in a longer one: "25;" is not in "625;" nor in "1.25;".
            var startsApart = at == 0 || !IsWord(code[0]) || !(IsWord(text[at - 1]) || char.IsDigit(code[0]) && text[at - 1] == '.');
            if (startsApart && (end == text.Length || !IsWord(code[^1]) || !IsWord(text[end])))
                return true;
        }
        return false;
    }

    static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';
}
