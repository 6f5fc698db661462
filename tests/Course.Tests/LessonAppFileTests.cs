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
        Assert.Contains("#:project ../helpers/Multiprocessing.Apps\n", app);
        Assert.Contains("#:property Optimize=true\n", app);
        Assert.Contains("using System.Threading;\nusing Multiprocessing.Apps;\n", app);
        Assert.Contains("LessonApp.Start(\"Title\");", app);
        Assert.Contains("// # Title\n//\n// Some words.\n//\n// ```python\n// print(1)\n// ```\n", app);
        Assert.Contains("static int Twice(int x) => 2 * x;\n\nList<int> all;\nvar p = new Point(1, 2);\nLessonApp.Show(p);\n\nLessonApp.Finish();\n\nrecord Point(int X, int Y);\n", app);
    }
}
