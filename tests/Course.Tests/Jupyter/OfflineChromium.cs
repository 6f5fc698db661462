using Microsoft.Playwright;

namespace Course.Tests.Jupyter;

/// <summary>
/// Debian's headless Chromium, through Playwright, with no network: background services off, and every request that is not
/// for this machine (127.0.0.1, localhost, file:, data:, blob:) aborted, as in a classroom or exam offline. A page may be given
/// plotly.js at its CDN address, served from the test's own copy, as where the network is there.
/// </summary>
internal sealed class OfflineChromium : IAsyncDisposable
{
    /// <summary>The most any one wait in a page may take.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    OfflineChromium(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>Starts Chromium; fails with the fix when it is not installed.</summary>
    public static async Task<OfflineChromium> StartAsync()
    {
        if (!File.Exists(HandoutBrowser.Chromium))
            throw new InvalidOperationException($"There is no {HandoutBrowser.Chromium}. Install Debian's browser: apt-get install -y chromium (tests/run does).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = HandoutBrowser.Chromium,
                Headless = true,
                Timeout = (float)Wait.TotalMilliseconds,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return new OfflineChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new page, offline; with <paramref name="plotly"/>, requests for plotly.js on its CDN get that script instead.
    /// <paramref name="blocked"/> collects every request aborted.
    /// </summary>
    public async Task<(IPage Page, IBrowserContext Context)> OpenAsync(string url, List<string> blocked, List<string> errors, string? plotly = null)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        await context.RouteAsync("**/*", async route =>
        {
            var uri = new Uri(route.Request.Url);
            if (uri.Scheme is "file" or "data" or "blob" || uri.Host is "127.0.0.1" or "localhost")
                await route.ContinueAsync();
            else if (plotly is not null && uri.Host == "cdn.plot.ly" && uri.AbsolutePath.EndsWith(".min.js", StringComparison.Ordinal))
                await route.FulfillAsync(new() { Status = 200, ContentType = "application/javascript", Body = plotly });
            else
            {
                lock (blocked) blocked.Add(route.Request.Url);
                await route.AbortAsync("internetdisconnected");
            }
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Wait.TotalMilliseconds);
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        return (page, context);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
