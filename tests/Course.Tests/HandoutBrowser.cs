using Microsoft.Playwright;

namespace Course.Tests;

/// <summary>What one handout page did when headless Chromium opened it from its file.</summary>
/// <param name="Page">The page's file.</param>
/// <param name="Charts">Figures on the page (<c>.mp-figure</c> with its chart data).</param>
/// <param name="DrawnCharts">Of those, the ones plotly drew interactively (<c>.mp-figure-plot .main-svg</c>).</param>
/// <param name="Errors">Console errors and uncaught exceptions.</param>
/// <param name="Requests">Every URL the page requested, its own file included.</param>
public sealed record HandoutVisit(string Page, int Charts, int DrawnCharts, IReadOnlyList<string> Errors, IReadOnlyList<string> Requests);

/// <summary>A page as it prints: what shows, and the PDF Chromium made of it.</summary>
/// <param name="ChartImages">Figures' static images shown, each loaded with a size.</param>
/// <param name="LiveCharts">Interactive charts still shown (print hides them).</param>
/// <param name="Chrome">Navigation elements still shown (print hides them).</param>
/// <param name="Pdf">The PDF Chromium printed.</param>
public sealed record HandoutPrint(int ChartImages, int LiveCharts, int Chrome, byte[] Pdf);

/// <summary>
/// Opens handout pages in the system's headless Chromium (Debian's <c>chromium</c>) through Playwright.
/// Every wait is bounded, so a page that hangs fails the test in seconds.
/// </summary>
public sealed class HandoutBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package puts the browser; .ci/run installs it.</summary>
    public const string Chromium = "/usr/bin/chromium";

    static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    HandoutBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>Starts Chromium; fails with the fix when it is not installed.</summary>
    public static async Task<HandoutBrowser> StartAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"There is no {Chromium}. Install Debian's browser: apt-get install -y chromium (.ci/run does).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Timeout = (float)Wait.TotalMilliseconds });
            return new HandoutBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/>, waits until its charts have drawn (or failed), and reports; takes a screenshot when asked.</summary>
    public async Task<HandoutVisit> VisitAsync(string path, string? screenshot = null)
    {
        await using var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var (page, errors, requests) = await OpenAsync(context, path);
        var charts = await page.EvaluateAsync<int[]>("""
            (() => {
              const figures = [...document.querySelectorAll('.mp-figure')].filter(figure => figure.querySelector('script.mp-figure-data'));
              return [figures.length, figures.filter(figure => figure.querySelector('.mp-figure-plot .main-svg')).length];
            })()
            """);
        if (screenshot is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true, Timeout = (float)Wait.TotalMilliseconds });
        }
        return new HandoutVisit(path, charts[0], charts[1], errors, requests);
    }

    /// <summary>Opens <paramref name="path"/> as it prints, and prints it to PDF.</summary>
    public async Task<HandoutPrint> PrintAsync(string path)
    {
        await using var context = await _browser.NewContextAsync();
        var (page, _, _) = await OpenAsync(context, path);
        await page.WaitForFunctionAsync(
            "[...document.querySelectorAll('img.mp-figure-image')].every(img => img.complete && img.naturalWidth > 0)",
            null, new() { Timeout = (float)Wait.TotalMilliseconds });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var shown = await page.EvaluateAsync<int[]>("""
            (() => {
              const shown = element => getComputedStyle(element).display !== 'none' && element.getBoundingClientRect().height > 0;
              return [
                [...document.querySelectorAll('img.mp-figure-image')].filter(img => shown(img) && img.naturalWidth > 0).length,
                [...document.querySelectorAll('.mp-figure-plot')].filter(shown).length,
                [...document.querySelectorAll('.chrome')].filter(shown).length,
              ];
            })()
            """);
        var pdf = await page.PdfAsync(new() { Format = "A4" });
        return new HandoutPrint(shown[0], shown[1], shown[2], pdf);
    }

    /// <summary>Opens the page from its file, and collects its console errors and requests from the start.</summary>
    static async Task<(IPage Page, List<string> Errors, List<string> Requests)> OpenAsync(IBrowserContext context, string path)
    {
        List<string> errors = [], requests = [];
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Wait.TotalMilliseconds);
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        // handout.js marks the page once every chart has drawn and been imaged, or failed; a page without charts has nothing to wait for.
        await page.WaitForFunctionAsync(
            "!document.querySelector('script.mp-figure-data') || document.documentElement.dataset.charts !== undefined");
        return (page, errors, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
