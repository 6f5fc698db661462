using Course.Handouts;

namespace Course.Tests;

/// <summary>
/// Exports the sample notebook once, through the handout writer and the real pinned kernel, into a temp folder
/// that is deleted afterwards; opens the pages in headless Chromium on first use.
/// </summary>
public sealed class HandoutSampleExport : IAsyncLifetime
{
    Task<(IReadOnlyList<HandoutVisit> Visits, HandoutPrint Print)>? _browsed;

    /// <summary>The screenshot of the sample's page that the browser test keeps.</summary>
    public static string Screenshot { get; } = Path.Combine(Samples.Root, "artifacts", "test-results", "handout.png");

    /// <summary>Where the handouts were written.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"course-handouts-{Guid.NewGuid():N}");

    public HandoutResult Result { get; private set; } = null!;

    /// <summary>The sample's page.</summary>
    public string Page => Result.Pages.Single();

    /// <summary>The lesson page and the index.</summary>
    public IEnumerable<string> AllPages => [.. Result.Pages, Result.Index!];

    public async Task InitializeAsync()
    {
        Result = await HandoutWriter.WriteAsync([Samples.Path("kernel-sample.ipynb")], Folder,
            RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(90) });
        if (Result.Failed is { Failure: { } failure })
            throw new InvalidOperationException($"The sample failed in cell {failure.Cell}: {failure.Message}");
    }

    /// <summary>Every page as Chromium showed it (the sample's page screenshotted), and the sample's page printed.</summary>
    public Task<(IReadOnlyList<HandoutVisit> Visits, HandoutPrint Print)> BrowseAsync() => _browsed ??= Browse();

    async Task<(IReadOnlyList<HandoutVisit>, HandoutPrint)> Browse()
    {
        await using var browser = await HandoutBrowser.StartAsync();
        var visits = new List<HandoutVisit>();
        foreach (var page in AllPages)
            visits.Add(await browser.VisitAsync(page, page == Page ? Screenshot : null));
        return (visits, await browser.PrintAsync(Page));
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
