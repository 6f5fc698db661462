using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>Notebooks saved by Jupyter read back with their outputs whole.</summary>
public sealed class NotebookFileTests : IDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"course-notebook-{Guid.NewGuid():N}.ipynb");

    [Fact]
    public void OutputsWrittenAsListsOfLinesReadAsOneString()
    {
        // nbformat lets every multiline string be a list of lines; Jupyter writes outputs that way.
        File.WriteAllText(_path, """
            {"cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": ["1 + 1"],
              "outputs": [
                {"output_type": "stream", "name": "stdout", "text": ["first line\n", "second line\n"]},
                {"output_type": "display_data", "metadata": {}, "data": {"text/html": ["<div>\n", "<b>chart</b>\n", "</div>"], "text/plain": ["a\n", "b"]}}
              ]}],
             "metadata": {"kernelspec": {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}}, "nbformat": 4, "nbformat_minor": 5}
            """);

        var cell = NotebookFile.Read(_path).Elements.Single();

        Assert.Equal("first line\nsecond line\n", Assert.IsType<TextElement>(cell.Outputs[0]).Text);
        var display = Assert.IsType<DisplayElement>(cell.Outputs[1]);
        Assert.Equal("<div>\n<b>chart</b>\n</div>", display.Data["text/html"]);
        Assert.Equal("a\nb", display.Data["text/plain"]);
    }

    public void Dispose() => File.Delete(_path);
}
