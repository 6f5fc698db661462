namespace Course.Tests;

/// <summary>Committed lessons carry no outputs and the metadata VS Code and Jupyter need; the rules catch a notebook that breaks them.</summary>
public class LessonFileTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("course-rules-").FullName;

    public static TheoryData<string> Lessons() => new(LessonRuns.Lessons.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Lessons))]
    public void TheCommittedLessonKeepsEveryRule(string file) =>
        Assert.Empty(NotebookRules.Problems(Path.Combine(Samples.Root, "notebooks", file)));

    [Fact]
    public void ANotebookWithOutputsAndTheWrongKernelIsRefused()
    {
        var path = Path.Combine(_folder, "bad.ipynb");
        File.WriteAllText(path, """
            {
              "nbformat": 4, "nbformat_minor": 5,
              "metadata": { "kernelspec": { "name": "python3" } },
              "cells": [
                { "cell_type": "code", "id": "a", "execution_count": 3, "metadata": {},
                  "outputs": [ { "output_type": "stream", "name": "stdout", "text": "42" } ],
                  "source": "print(42)" },
                { "cell_type": "markdown", "id": "a", "metadata": {}, "source": "text" }
              ]
            }
            """);
        var problems = NotebookRules.Problems(path);
        Assert.Contains(problems, p => p.Contains("kernelspec.name must be \".net-csharp\""));
        Assert.Contains(problems, p => p.Contains("defaultKernelName must be \"csharp\""));
        Assert.Contains(problems, p => p.Contains("first cell must be Markdown"));
        Assert.Contains(problems, p => p.Contains("first code cell must be exactly"));
        Assert.Contains(problems, p => p.Contains("Cell 1 has outputs"));
        Assert.Contains(problems, p => p.Contains("Cell 1 has an execution count"));
        Assert.Contains(problems, p => p.Contains("Cell 1 is not marked as C#"));
        Assert.Contains(problems, p => p.Contains("share an id"));
        Assert.Contains(problems, p => p.Contains("'## Summary'"));
        Assert.Contains(problems, p => p.Contains("must be tagged \"setup\""));
        Assert.Contains(problems, p => p.Contains("must be tagged \"check\""));
        Assert.Contains(problems, p => p.Contains("must be tagged \"exercise\""));
    }

    [Fact]
    public void ALessonWhoseCheckIsNotLastOrWhoseTagIsUnknownIsRefused()
    {
        var lesson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(LessonRuns.Lessons[0]))!;
        var cells = lesson["cells"]!.AsArray();
        var check = cells.Last(cell => (string?)cell!["cell_type"] == "code")!;
        var moved = check.DeepClone();
        moved["id"] = "moved-check";
        cells.Insert(cells.IndexOf(check), moved);
        check["metadata"]!["tags"] = new System.Text.Json.Nodes.JsonArray("grade-me");
        var path = Path.Combine(_folder, "shape.ipynb");
        File.WriteAllText(path, lesson.ToJsonString());

        var problems = NotebookRules.Problems(path);
        Assert.Contains(problems, p => p.Contains("The last code cell, and only it, must be tagged \"check\""));
        Assert.Contains(problems, p => p.Contains("Unknown cell tag \"grade-me\""));
        Assert.Contains(problems, p => p.Contains("The cell tagged \"check\" must have the id \"check\""));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
