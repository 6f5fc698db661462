using Course.Handouts;

namespace Course.Tests;

/// <summary>An export stops at the first failing cell, names it, and writes no page.</summary>
[Collection("Kernel")]
public sealed class HandoutFailureTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), $"course-handouts-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AFailingCellStopsTheExportNamingTheNotebookAndTheCell()
    {
        var progress = new List<string>();
        var result = await HandoutWriter.WriteAsync([Samples.Path("failing-cell.ipynb"), Samples.Path("kernel-sample.ipynb")], _folder,
            RunOptions.Default, progress.Add);

        Assert.False(result.Succeeded);
        Assert.Equal(Samples.Path("failing-cell.ipynb"), result.Failed!.Path);
        Assert.Equal(3, result.Failed.Failure!.Cell);
        Assert.Contains("this cell fails on purpose", result.Failed.Failure.Message);
        Assert.Single(result.Runs); // the sample after it never ran
        Assert.Null(result.Index);
        Assert.False(Directory.Exists(_folder));
        Assert.Contains(progress, line => line.EndsWith("failing-cell.ipynb:"));
        Assert.Contains(progress, line => line.Contains("cell 2 (1/3 code): ok"));
    }
}
