using Course.Apps;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>The lessons' file-based apps: written from the notebooks, and refused for cells an app cannot hold.</summary>
public class LessonAppFileTests
{
    [Fact]
    public void EveryCommittedAppIsWhatItsNotebookGivesNow()
    {
        foreach (var notebook in LessonRuns.Lessons)
        {
            var app = Path.ChangeExtension(notebook, ".cs");
            Assert.True(File.Exists(app), $"{Path.GetFileName(app)} is missing; run `{AppWriter.Command}`.");
            Assert.True(AppWriter.Write(notebook, NotebookFile.Read(notebook)) == File.ReadAllText(app),
                $"{Path.GetFileName(app)} differs from what {Path.GetFileName(notebook)} gives now; run `{AppWriter.Command}`.");
        }
    }

    [Fact]
    public void ACellAnAppCannotHoldIsNamedWithItsNotebook()
    {
        var notebook = new InteractiveDocument([
            new InteractiveDocumentElement("# A lesson", "markdown"),
            new InteractiveDocumentElement(AppWriter.SetupCell, "csharp"),
            new InteractiveDocumentElement("#r \"nuget: Humanizer\"\nConsole.WriteLine(1);", "csharp"),
        ]);
        var error = Assert.Throws<InvalidOperationException>(() => AppWriter.Write("/course/notebooks/09-bad.ipynb", notebook));
        Assert.StartsWith("09-bad.ipynb: cell 3: an app cannot hold the directive '#r \"nuget: Humanizer\"'", error.Message);
    }

    [Fact]
    public void CellsBecomeStatementsTypesMoveToTheEndAndTrailingExpressionsAreShown()
    {
        var notebook = new InteractiveDocument([
            new InteractiveDocumentElement("# Title\n\nSome words.\n\n```python\nprint(1)\n```", "markdown"),
            new InteractiveDocumentElement(AppWriter.SetupCell, "csharp"),
            new InteractiveDocumentElement("record Point(int X, int Y);\nstatic int Twice(int x) => 2 * x;", "csharp"),
            new InteractiveDocumentElement("using System.Threading;\nList<int> all;\nvar p = new Point(1, 2);\np", "csharp"),
        ]);
        var app = AppWriter.Write("/course/notebooks/07-sample.ipynb", notebook);
        Assert.Contains("#:project ../helpers/Course.Apps\n", app);
        Assert.Contains("#:property Optimize=true\n", app);
        Assert.Contains("using System.Threading;\nusing Course.Apps;\n", app);
        Assert.Contains("LessonApp.Start(\"Title\");", app);
        Assert.Contains("// # Title\n//\n// Some words.\n//\n// ```python\n// print(1)\n// ```\n", app);
        Assert.Contains("static int Twice(int x) => 2 * x;\n\nList<int> all;\nvar p = new Point(1, 2);\nLessonApp.Show(p);\n\nLessonApp.Finish();\n\nrecord Point(int X, int Y);\n", app);
    }

    [Fact]
    public void AnAppWhoseHelpersFailToBuildPrintsTheBuildCommand()
    {
        // The lessons' build settings (notebooks/Directory.Build.targets) beside an app whose referenced project does not compile.
        var folder = Directory.CreateTempSubdirectory("course-app-broken-");
        var name = "broken-helpers-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.Copy(Path.Combine(Samples.Root, "notebooks", "Directory.Build.targets"), Path.Combine(folder.FullName, "Directory.Build.targets"));
            var helpers = Directory.CreateDirectory(Path.Combine(folder.FullName, "helpers"));
            File.WriteAllText(Path.Combine(helpers.FullName, "Helpers.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(helpers.FullName, "Broken.cs"), "class Broken { int x = \"not a number\"; }");
            var app = Path.Combine(folder.FullName, name + ".cs");
            File.WriteAllText(app, "#:project helpers\nSystem.Console.WriteLine(\"ran\");\n");

            var run = LessonAppRuns.Run(app);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("CS0029", run.Output);
            Assert.Contains("The course helpers did not build, so this lesson cannot run. From the repository root, run: dotnet build helpers/Course.Apps", run.Output);
            Assert.DoesNotContain("ran", run.Output.Split('\n'));
        }
        finally
        {
            folder.Delete(recursive: true);
            LessonAppRuns.DeleteBuilds(name + "-*", folder.FullName);
        }
    }
}
