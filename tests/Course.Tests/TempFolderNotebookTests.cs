namespace Course.Tests;

/// <summary>
/// Issue 19, kind 8, in the notebook glue: with TMPDIR naming a folder that does not exist, the kernel wrote a cell's
/// assembly there and the cell failed with a bare "Could not find a part of the path". The glue now goes to the folder
/// Python would choose (/tmp here): a cell's function runs in a pool, and the cell files are in that folder.
/// </summary>
[Collection("Kernel")]
public class TempFolderNotebookTests
{
    [Fact]
    public async Task WithAMissingTmpdirCellFunctionsRunInAPoolFromTheFallbackFolder()
    {
        if (OperatingSystem.IsWindows())
            return; // TMPDIR is the Unix variable; Windows reads TMP and TEMP
        var options = RunOptions.Default with { Environment = new Dictionary<string, string?> { ["TMPDIR"] = $"/nonexistent-{Guid.NewGuid():N}", ["TEMP"] = null, ["TMP"] = null } };
        var run = await NotebookRunner.RunAsync(Samples.Path("temp-folder.ipynb"), options);

        Assert.True(run.Succeeded, $"cell {run.Failure?.Cell}: {run.Failure?.Message}");
        var output = Samples.Output(run.Document.Elements[3]);
        Assert.Contains("tripled: 3,6", output);
        Assert.Contains("temp folder: /tmp", output);
        Assert.Contains("cell files there: True", output);
    }
}
