using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Handouts;
using Microsoft.Playwright;

namespace Course.Tests.Jupyter;

/// <summary>What a page showed of a notebook's figures.</summary>
/// <param name="Figures">Figures in the page (<c>.mp-figure</c>), or, where a sanitizer dropped their class, SVG images.</param>
/// <param name="Images">Chart images shown: SVG <c>data:</c> images loaded, displayed, of a size above zero.</param>
/// <param name="Interactive">Charts plotly drew in place of their image.</param>
public sealed record FigureView(int Figures, int Images, int Interactive);

/// <summary>
/// The figures sample run once in a real front end: Debian's classic Jupyter Notebook on 127.0.0.1 with the course's kernelspec,
/// in headless Chromium with no network. Saved, then opened again trusted with plotly.js served from the test's own copy, then
/// as an edited copy (untrusted), then exported with nbconvert and opened from its file. Screenshots of each are kept in
/// artifacts/test-results/. Jupyter, its kernels and Chromium are killed at the end, however it ends.
/// </summary>
public sealed class NotebookFrontEndRun : IAsyncLifetime
{
    const string Sample = "figures-sample.ipynb";
    const string UntrustedCopy = "figures-untrusted.ipynb";
    static readonly string Results = Path.Combine(Samples.Root, "artifacts", "test-results");

    readonly JupyterHome _home = new();
    readonly List<string> _blocked = [], _errors = [];

    /// <summary>The page after running every cell, offline.</summary>
    public FigureView Ran { get; private set; } = null!;

    /// <summary>Error outputs of the run, as "name: value".</summary>
    public IReadOnlyList<string> CellErrors { get; private set; } = [];

    /// <summary>The saved notebook, as Jupyter wrote it.</summary>
    public string Saved { get; private set; } = "";

    /// <summary>The saved notebook opened again, trusted, with plotly.js available.</summary>
    public FigureView Interactive { get; private set; } = null!;

    /// <summary>An edited copy of the saved notebook opened, untrusted, with plotly.js available.</summary>
    public FigureView Untrusted { get; private set; } = null!;

    /// <summary>Whether the front end counted the copy as untrusted.</summary>
    public bool CopyWasUntrusted { get; private set; }

    /// <summary>The nbconvert HTML export of the saved notebook, opened offline from its file.</summary>
    public FigureView Exported { get; private set; } = null!;

    /// <summary>The export's HTML.</summary>
    public string ExportHtml { get; private set; } = "";

    /// <summary>Requests the offline browser aborted (the front end's own CDN fetches, plotly's).</summary>
    public IReadOnlyList<string> Blocked => _blocked;

    /// <summary>The screenshot of the page after the run.</summary>
    public static string Screenshot(string name) => Path.Combine(Results, $"jupyter-{name}.png");

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_home.Root, "notebooks")).FullName;
        WriteSample(folder);
        using var server = await NotebookServer.StartAsync(_home, folder);
        await using var chromium = await OfflineChromium.StartAsync();
        try
        {
            await RunAndSaveAsync(chromium, server);
            Saved = File.ReadAllText(Path.Combine(folder, Sample));
            Interactive = await ReopenAsync(chromium, server, Sample, "interactive", interactive: true);
            var copy = JsonNode.Parse(Saved)!;
            copy["metadata"]!["course_tests"] = "an edited copy, so this server has not signed it";
            File.WriteAllText(Path.Combine(folder, UntrustedCopy), copy.ToJsonString());
            Untrusted = await ReopenAsync(chromium, server, UntrustedCopy, "untrusted", interactive: false);
            Exported = await ExportAsync(chromium, folder);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{e.Message}\nJupyter's log:\n{_home.LogTail}", e);
        }
    }

    /// <summary>The sample, with its setup cell loading the real setup script by its full path.</summary>
    static void WriteSample(string folder)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Samples.Path(Sample)))!;
        var setup = notebook["cells"]!.AsArray().First(cell => (string?)cell!["cell_type"] == "code")!;
        setup["source"] = $"#load \"{Path.Combine(Samples.Root, "helpers", "setup.csx")}\"";
        File.WriteAllText(Path.Combine(folder, Sample), notebook.ToJsonString());
    }

    async Task RunAndSaveAsync(OfflineChromium chromium, NotebookServer server)
    {
        var (page, context) = await chromium.OpenAsync(server.PageOf(Sample), _blocked, _errors);
        await using var _ = context;
        await page.WaitForFunctionAsync("() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
            null, new() { Timeout = 120_000, PollingInterval = 250 });
        await page.EvaluateAsync("() => Jupyter.notebook.execute_all_cells()");
        // A code cell shows its execution count once its reply came; '*' while it runs. The kernel starts and builds the helpers first.
        await page.WaitForFunctionAsync(
            "() => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').every(c => typeof c.input_prompt_number === 'number')",
            null, new() { Timeout = 300_000, PollingInterval = 500 });
        CellErrors = await page.EvaluateAsync<string[]>("""
            () => Jupyter.notebook.get_cells().flatMap(c => (c.output_area ? c.output_area.outputs : [])
                .filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue))
            """);
        Ran = await ViewAsync(page, Screenshot("notebook"));
        await page.EvaluateAsync("() => Jupyter.notebook.save_notebook().then(() => true)");
    }

    async Task<FigureView> ReopenAsync(OfflineChromium chromium, NotebookServer server, string name, string screenshot, bool interactive)
    {
        var (page, context) = await chromium.OpenAsync(server.PageOf(name), _blocked, _errors, plotly: PlotlyScript.Source);
        await using var _ = context;
        await page.WaitForFunctionAsync("() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded", null, new() { Timeout = 60_000 });
        if (interactive)
            // Bounded: a test that never draws fails here, with the view below telling what showed.
            try
            {
                await page.WaitForFunctionAsync("() => document.querySelectorAll('.mp-figure').length > 0 && [...document.querySelectorAll('.mp-figure')].every(f => f.querySelector('.mp-figure-plot .main-svg'))",
                    null, new() { Timeout = 30_000 });
            }
            catch (TimeoutException) { }
        else
            CopyWasUntrusted = !await page.EvaluateAsync<bool>("() => Jupyter.notebook.trusted");
        return await ViewAsync(page, Screenshot(screenshot));
    }

    async Task<FigureView> ExportAsync(OfflineChromium chromium, string folder)
    {
        var output = Directory.CreateDirectory(Path.Combine(_home.Root, "export")).FullName;
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "nbconvert", "--to", "html", "--output-dir", output, Path.Combine(folder, Sample)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _home.Environment)
            start.Environment[name] = value;
        using (var nbconvert = Process.Start(start)!)
        {
            var log = nbconvert.StandardError.ReadToEndAsync();
            if (!nbconvert.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                nbconvert.Kill(entireProcessTree: true);
                throw new TimeoutException("jupyter nbconvert did not finish within 2 minutes.");
            }
            if (nbconvert.ExitCode != 0)
                throw new InvalidOperationException($"jupyter nbconvert failed ({nbconvert.ExitCode}):\n{log.Result}");
        }
        var html = Path.Combine(output, Path.ChangeExtension(Sample, ".html"));
        ExportHtml = File.ReadAllText(html);
        var (page, context) = await chromium.OpenAsync(new Uri(html).AbsoluteUri, _blocked, _errors);
        await using var _ = context;
        return await ViewAsync(page, Screenshot("nbconvert"));
    }

    /// <summary>Counts the figures and what shows of them once every image has loaded (or a bound passed), and takes a screenshot.</summary>
    static async Task<FigureView> ViewAsync(IPage page, string screenshot)
    {
        const string Images = "[...document.querySelectorAll('img[src^=\"data:image/svg+xml\"]')]";
        try
        {
            await page.WaitForFunctionAsync($"() => {Images}.every(img => img.complete)", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException) { }
        var counts = await page.EvaluateAsync<int[]>($$"""
            () => {
              const shown = e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0;
              const images = {{Images}};
              const figures = document.querySelectorAll('.mp-figure').length;
              return [figures || images.length,
                      images.filter(img => img.complete && img.naturalWidth > 0 && shown(img)).length,
                      [...document.querySelectorAll('.mp-figure')].filter(f => f.querySelector('.mp-figure-plot .main-svg')).length];
            }
            """);
        Directory.CreateDirectory(Results);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        return new FigureView(counts[0], counts[1], counts[2]);
    }

    public Task DisposeAsync()
    {
        _home.Dispose();
        return Task.CompletedTask;
    }
}
