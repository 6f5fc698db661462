using System.Text.RegularExpressions;
using Course.Handouts;

namespace Course.Tests;

/// <summary>
/// Every lesson in notebooks/ as a handout, written from the same kernel runs the lesson tests check, and opened in headless
/// Chromium: every figure of every page draws from its data with the inlined plotly.js, with no error and no request leaving the file.
/// </summary>
[Collection("Kernel")]
public sealed class LessonHandoutTests(LessonRuns lessons) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("course-lesson-handouts-").FullName;

    /// <summary>A screenshot of the first lesson's page, kept beside the sample's.</summary>
    public static string Screenshot { get; } = Path.Combine(Samples.Root, "artifacts", "test-results", "lesson-01.png");

    [Fact]
    public async Task EveryLessonPageDrawsAllItsChartsOffline()
    {
        var runs = await lessons.RunAllAsync();
        Assert.All(runs, run => Assert.True(run.Succeeded, $"{Path.GetFileName(run.Path)} cell {run.Failure?.Cell}: {run.Failure?.Message}"));
        var result = HandoutWriter.Write(runs, _folder);
        Assert.Equal(LessonRuns.Lessons.Count, result.Pages.Count);

        await using var browser = await HandoutBrowser.StartAsync();
        foreach (var page in result.Pages)
        {
            var html = File.ReadAllText(page);
            Assert.Single(Regex.Matches(html, "<script id=\"plotly-js\">"));
            Assert.DoesNotContain("cdn.plot.ly", html.Replace(PlotlyScript.Source, "")); // plotly.js itself may name its CDN
            // The basic bundle (1 MB) and the figures' data and images: a page is far from the full bundle's 3.6 MB.
            Assert.InRange(new FileInfo(page).Length, PlotlyScript.Source.Length, 2_500_000);

            var visit = await browser.VisitAsync(page, page == result.Pages[0] ? Screenshot : null);
            Assert.True(visit.Charts >= 1, $"{Path.GetFileName(page)} has {visit.Charts} charts");
            Assert.Equal(visit.Charts, visit.DrawnCharts);
            Assert.Empty(visit.Errors);
            Assert.All(visit.Requests, url => Assert.Matches("^(file|data|blob):", url));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
