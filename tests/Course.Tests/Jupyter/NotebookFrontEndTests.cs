namespace Course.Tests.Jupyter;

/// <summary>
/// Every chart shows in a real Jupyter front end, offline, trusted or not, and in an nbconvert export; online (plotly.js served
/// from the test's own copy) it becomes interactive; and the saved notebook holds no address of this machine.
/// </summary>
[Collection("Kernel")]
public sealed class NotebookFrontEndTests(NotebookFrontEndRun run) : IClassFixture<NotebookFrontEndRun>
{
    /// <summary>The sample shows two figures: a timeline and a comparison.</summary>
    const int Figures = 2;

    [Fact]
    public void EveryCellRanInTheClassicNotebook() => Assert.Empty(run.CellErrors);

    [Fact]
    public void OfflineEveryChartShowsAsAnImage()
    {
        Assert.Equal(new FigureView(Figures, Figures, 0), run.Ran);
        // The figures' scripts ran (a live output's do) and tried to fetch plotly.js, and were refused: the image stayed.
        Assert.Contains(run.Blocked, url => url.StartsWith("https://cdn.plot.ly/", StringComparison.Ordinal));
    }

    [Fact]
    public void WherePlotlyLoadsEveryChartBecomesInteractive() =>
        Assert.Equal(new FigureView(Figures, 0, Figures), run.Interactive);

    [Fact]
    public void UntrustedEveryChartStillShowsAsAnImage()
    {
        Assert.True(run.CopyWasUntrusted, "the edited copy should open untrusted");
        Assert.Equal(new FigureView(Figures, Figures, 0), run.Untrusted);
    }

    [Fact]
    public void AnNbconvertExportShowsEveryChartAsAnImageOffline() =>
        Assert.Equal(new FigureView(Figures, Figures, 0), run.Exported);

    [Fact]
    public void TheSavedNotebookHoldsNoAddressOfThisMachine()
    {
        Assert.Contains("mp-figure-image", run.Saved); // it was saved with its outputs
        MachineAddresses.AssertNoneIn(run.Saved, "the notebook Jupyter saved");
        MachineAddresses.AssertNoneIn(run.ExportHtml, "its nbconvert export");
    }

    [Fact]
    public void ScreenshotsOfEachViewAreKept()
    {
        foreach (var name in new[] { "notebook", "interactive", "untrusted", "nbconvert" })
        {
            var png = File.ReadAllBytes(NotebookFrontEndRun.Screenshot(name));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.True(png.Length > 20_000, $"{name}: the screenshot is only {png.Length} bytes");
        }
    }
}
