using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Multiprocessing.Wire;

namespace Course.Tests;

/// <summary>Runs the sample notebook once in the real pinned kernel, through the course runner.</summary>
public sealed class KernelSampleRun : IAsyncLifetime
{
    public NotebookRun Run { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Run = await NotebookRunner.RunAsync(Samples.Path("kernel-sample.ipynb"), RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(90) });

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Cell <paramref name="number"/>, counting from 1 as the runner reports them.</summary>
    public InteractiveDocumentElement Cell(int number) => Run.Document.Elements[number - 1];
}

/// <summary>
/// Functions typed into cells run in child processes, records travel, children print into the cell that
/// ran them, and charts draw, all in kernel 1.0.712001 with the course's workarounds.
/// </summary>
[Collection("Kernel")]
public class KernelSampleTests(KernelSampleRun sample) : IClassFixture<KernelSampleRun>
{
    [Fact]
    public void EveryCellRan()
    {
        Assert.True(sample.Run.Succeeded, $"cell {sample.Run.Failure?.Cell}: {sample.Run.Failure?.Message}");
        Assert.DoesNotContain(sample.Run.Document.Elements.SelectMany(c => c.Outputs), o => o is ErrorElement);
    }

    [Fact]
    public void TheSetupCellReportsTheHelpersReady() =>
        Assert.Contains("Course helpers ready", Samples.Output(sample.Cell(2)));

    [Fact]
    public void AFunctionFromAnEarlierCellRunsInAPoolAndCanCallAnotherCellFunction()
    {
        var output = Samples.Output(sample.Cell(5));
        Assert.Contains("cubes: " + string.Join(",", Enumerable.Range(1, 15).Select(n => n * n * n)), output);
        Assert.Contains("plus one: 2,9,28", output);
        Assert.Contains("workers are other processes: True", output);
    }

    [Fact]
    public void ARecordDefinedInACellTravelsAsArgumentAndResult() =>
        Assert.Contains("mirrored: Point { X = 2, Y = 1 }", Samples.Output(sample.Cell(5)));

    [Fact]
    public void ALambdaThatCapturesNothingRunsFromTheCellThatWritesIt() =>
        Assert.Contains("lambda: 10,20,30", Samples.Output(sample.Cell(6)));

    [Fact]
    public void AWorkersConsoleLinesAppearInTheCellThatRanTheTask()
    {
        var said = Regex.Match(Samples.Output(sample.Cell(7)), @"worker (\d+) says 7");
        Assert.True(said.Success, Samples.Output(sample.Cell(7)));
        Assert.DoesNotContain("(late", Samples.Output(sample.Cell(7))); // written while its cell ran: not marked
        var others = sample.Run.Document.Elements.Where((_, i) => i != 6).Select(Samples.Output);
        Assert.DoesNotContain(others, text => text.Contains("says 7"));
    }

    [Fact]
    public void FifteenChildrenCubeASharedArrayInPlace() =>
        Assert.Contains("shared: " + string.Join(",", Enumerable.Range(2, 15).Select(n => n * n * n)), Samples.Output(sample.Cell(8)));

    /// <summary>
    /// Issue 13, fault 2: output written after its cell completed is not dropped. A child started in cell 13 prints before
    /// and after a 1.5 s nap; cell 14 joins it. A pool task sent in cell 15 prints as it starts and ends; cell 16 reads it.
    /// </summary>
    [Theory]
    [InlineData(13, "late hello 7 first", "late hello 7 second")]
    [InlineData(15, "slow task 8 starts", "slow task 8 ends")]
    public void OutputWrittenAfterItsCellEndedAppearsInOrderAndIsMarkedLate(int startCell, string first, string second)
    {
        var text = Samples.Output(sample.Cell(startCell)) + "\n" + Samples.Output(sample.Cell(startCell + 1));
        Assert.Contains(first, text);
        Assert.Contains(second, text);
        Assert.True(text.IndexOf(first, StringComparison.Ordinal) < text.IndexOf(second, StringComparison.Ordinal), text);
        // The second line comes after its cell ended, while the next cell runs: it shows there, marked.
        Assert.Contains("(late, from an earlier cell) " + second, Samples.Output(sample.Cell(startCell + 1)));
    }

    [Fact]
    public void TheCellsThatReadLateWorkFinishNormally()
    {
        Assert.Contains("joined, exit code 0", Samples.Output(sample.Cell(14)));
        Assert.Contains("slow result 80", Samples.Output(sample.Cell(16)));
    }

    /// <summary>
    /// Issue 19, kind 10: in the stdio kernel the process's standard input is the command channel, so a cell that read it
    /// waited for the whole cell timeout. Cells now read end of input at once, as through the Jupyter kernelspec, and
    /// the kernel still takes the next cell.
    /// </summary>
    [Fact]
    public void ACellThatReadsTheConsoleGetsEndOfInputAtOnceAndTheKernelCarriesOn()
    {
        var output = Samples.Output(sample.Cell(17));
        Assert.Contains("stdin: line <end of input>, character -1, rest \"\"", output);
        var took = Regex.Match(output, @"in (\d+) ms");
        Assert.True(took.Success && int.Parse(took.Groups[1].Value) < 5_000, output);
        Assert.Contains("the kernel still takes commands", Samples.Output(sample.Cell(18)));
    }

    [Fact]
    public void ALambdaThatCapturesAVariableIsRefusedNamingIt()
    {
        var output = Samples.Output(sample.Cell(9));
        Assert.Contains("refused:", output);
        Assert.Contains("captures factor", output);
    }

    /// <summary>
    /// A timeline (Plotly.NET builds its interactive data in the kernel, through the FSharp.Core redirect) shows as a figure:
    /// an image every front end shows, its data, and its table as plain text beside the HTML.
    /// </summary>
    [Fact]
    public void ATimelineShowsAsAnImageWithItsDataAndATextTable()
    {
        var html = Samples.Html(sample.Cell(10));
        Assert.Contains("<img class=\"mp-figure-image\" alt=\"Chart: Every task the sample&#39;s pool ran\"", html);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
        Assert.Contains("\"type\":\"bar\"", html);
        Assert.Matches(@"worker \d+", html);
        var plain = Assert.Single(sample.Cell(10).Outputs.OfType<ReturnValueElement>()).Data["text/plain"].ToString();
        Assert.StartsWith("Every task the sample's pool ran", plain);
        Assert.Matches(@"worker \d+ +\d+ +\d+", plain);
    }

    [Fact]
    public void AComparisonShowsAnImageAndATableOfTheThreeModes()
    {
        var html = Samples.Html(sample.Cell(11));
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
        Assert.Contains("becomes interactive where plotly.js can load", html);
        Assert.Contains("<table", html);
        foreach (var mode in new[] { "Sequential", "Threads", "Processes" })
            Assert.Contains(mode, html);
        var plain = Assert.Single(sample.Cell(11).Outputs.OfType<ReturnValueElement>()).Data["text/plain"].ToString();
        Assert.Contains("baseline", plain);
    }

    [Fact]
    public void TheExecutedNotebookIsWrittenAsNbformat4ThatReadsBack()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"course-test-{Guid.NewGuid():N}.ipynb");
        try
        {
            NotebookFile.Write(sample.Run.Document, path);
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(4, (int)json["nbformat"]!);
            Assert.Equal(".net-csharp", (string)json["metadata"]!["kernelspec"]!["name"]!);
            foreach (var cell in json["cells"]!.AsArray())
            {
                Assert.NotNull(cell!["source"]);
                if ((string)cell["cell_type"]! != "code")
                    continue;
                Assert.NotNull(cell["execution_count"]);
                foreach (var output in cell["outputs"]!.AsArray())
                    Assert.Contains((string)output!["output_type"]!, new[] { "stream", "display_data", "execute_result", "error" });
            }
            var reread = NotebookFile.Read(path);
            Assert.Equal(sample.Run.Document.Elements.Count, reread.Elements.Count);
            Assert.Contains("cubes: 1,8,27", Samples.Output(reread.Elements[4]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
