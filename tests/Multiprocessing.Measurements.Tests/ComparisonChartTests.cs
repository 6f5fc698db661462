using Multiprocessing;
using Multiprocessing.Measurements;
using Plotly.NET;

namespace Multiprocessing.Measurements.Tests;

public class ComparisonChartTests
{
    static readonly MachineInfo TwoCores = new(2, "Linux 6.8.0", ".NET 10.0.0");

    static Comparison Sample() => new("Squares", 2, 8,
        [
            new ModeTiming(RunMode.Sequential, [TimeSpan.FromMilliseconds(8), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(12)]),
            new ModeTiming(RunMode.Threads, [TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5.5), TimeSpan.FromMilliseconds(6)]),
            new ModeTiming(RunMode.Processes, [TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(45)]),
        ],
        TwoCores,
        new Dictionary<RunMode, IReadOnlyList<TaskRun>>
        {
            [RunMode.Processes] =
            [
                new TaskRun(4242, 4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(22.5), false),
                new TaskRun(4343, 4, TimeSpan.FromMilliseconds(11), TimeSpan.FromMilliseconds(20), false),
                new TaskRun(4242, 3, TimeSpan.FromMilliseconds(23), TimeSpan.FromMilliseconds(30), true),
            ],
        });

    [Fact]
    public void ColumnsAreTheMediansWithMinToMaxErrorBars()
    {
        var data = ComparisonChart.Data(Sample());
        Assert.Equal(["Sequential", "Threads", "Processes"], data.Modes);
        Assert.Equal([10.0, 5.5, 40.0], data.MedianMs);
        Assert.Equal([2.0, 0.5, 5.0], data.ErrorPlusMs);
        Assert.Equal([2.0, 0.5, 10.0], data.ErrorMinusMs);
    }

    [Fact]
    public void LabelsSaySpeedupOrSlowdown()
    {
        var data = ComparisonChart.Data(Sample());
        Assert.Equal(["baseline", "1.82× faster", "4× slower"], data.Labels);
        Assert.Equal("1.9× faster", ComparisonChart.SpeedupLabel(1.9));
        Assert.Equal("3.3× slower", ComparisonChart.SpeedupLabel(0.3));
        Assert.Equal("1.03× slower", ComparisonChart.SpeedupLabel(0.973));
        Assert.Equal("1.5× slower", ComparisonChart.SpeedupLabel(1 / 1.5));
        Assert.Equal("174× slower", ComparisonChart.SpeedupLabel(1 / 174.2));
    }

    [Fact]
    public void IdealLineIsTheSequentialMedianOverTheIdealSpeedup()
    {
        var data = ComparisonChart.Data(Sample());
        Assert.Equal(5.0, data.IdealMs);
        Assert.Equal(["Threads", "Processes"], data.IdealModes);
        Assert.Equal("ideal: 2× faster", data.IdealName);
    }

    [Fact]
    public void TitleNamesTheWorkersAndMachine()
    {
        var title = ComparisonChart.Data(Sample()).Title;
        Assert.StartsWith("Squares", title);
        Assert.Contains("2 workers", title);
        Assert.Contains("2 cores, Linux 6.8.0, .NET 10.0.0", title);
    }

    [Fact]
    public void ChartHtmlHoldsTheSeriesAndNumbers()
    {
        var html = GenericChart.toChartHTML(Sample().ToChart());
        Assert.Contains("\"x\":[\"Sequential\",\"Threads\",\"Processes\"]", html);
        Assert.Contains("\"y\":[10.0,5.5,40.0]", html);
        Assert.Contains("\"array\":[2.0,0.5,5.0]", html);
        Assert.Contains("\"arrayminus\":[2.0,0.5,10.0]", html);
        Assert.Contains("1.82× faster", html);
        Assert.Contains("ideal: 2× faster", html);
        Assert.Contains("\"y\":[5.0,5.0]", html);
        Assert.Contains("\"dash\":\"dash\"", html);
    }

    [Fact]
    public void HtmlHasTheImageTheTableTheDataAndTheMachine()
    {
        var html = Sample().ToHtml();
        Assert.Contains("<img class=\"mp-figure-image\"", html);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
        Assert.Contains("<table", html);
        Assert.Contains("median ms", html);
        Assert.Contains("Processes", html);
        Assert.Contains("2 cores, Linux 6.8.0", html);
        Assert.Contains("<script type=\"application/json\" class=\"mp-figure-data\">", html);
        // The interactive chart loads plotly.js where it can: the same version Plotly.NET writes for.
        Assert.Contains("https://cdn.plot.ly/plotly-2.28.0.min", html);
    }

    [Fact]
    public void TimelineHasARowPerWorkerAndABarPerTask()
    {
        var rows = TimelineChart.Rows(Sample().Timeline(RunMode.Processes));
        Assert.Equal(["worker 4242", "worker 4343"], rows.Select(r => r.Worker));
        Assert.Equal([10.0, 23.0], rows[0].StartMs);
        Assert.Equal([12.5, 7.0], rows[0].DurationMs);
        Assert.Equal(["4 items, 12.5 ms", "3 items, 7 ms, failed"], rows[0].Hover);
        var html = GenericChart.toChartHTML(Sample().TimelineChart(RunMode.Processes).ToPlotly());
        Assert.Contains("\"base\":[10.0,23.0]", html);
        Assert.Contains("\"orientation\":\"h\"", html);
        Assert.Contains("worker 4343", html);
    }

    [Fact]
    public void ATimelineNamesWhatItsAxisCountsFrom()
    {
        var runs = new[] { new TaskRun(4343, 1, TimeSpan.Zero, TimeSpan.FromMilliseconds(5), false) };
        var html = GenericChart.toChartHTML(TimelineChart.For(runs, "A map", "ms since the map's first call").ToPlotly());
        Assert.Contains("ms since the map", html);
        Assert.Contains("ms since the pool was created", GenericChart.toChartHTML(TimelineChart.For(runs, "A map").ToPlotly()));
        Assert.Throws<ArgumentNullException>(() => TimelineChart.For(runs, "A map", null!));
    }

    [Fact]
    public void AnEmptyTimelineSaysToRunWorkFirst()
    {
        var error = Assert.Throws<ArgumentException>(() => TimelineChart.For(Array.Empty<TaskRun>(), "empty"));
        Assert.Contains("run some work", error.Message);
    }

    [Fact]
    public void SweepChartHasALinePerModeAndTheIdealOnALogAxis()
    {
        var sweep = new SweepResult("Sums", "work per item", 2, TwoCores,
        [
            new SweepPoint(1_000, RunMode.Sequential, TimeSpan.FromMilliseconds(1), 1),
            new SweepPoint(1_000, RunMode.Processes, TimeSpan.FromMilliseconds(4), 0.25),
            new SweepPoint(100, RunMode.Sequential, TimeSpan.FromMilliseconds(1), 1),
            new SweepPoint(100, RunMode.Processes, TimeSpan.FromMilliseconds(8), 0.125),
        ]);
        var data = SweepChart.Data(sweep);
        Assert.Equal(["Sequential", "Processes", "ideal: 2× faster"], data.Lines.Select(l => l.Name));
        Assert.Equal([100.0, 1000.0], data.Lines[1].Settings);
        Assert.Equal([0.125, 0.25], data.Lines[1].Values);
        Assert.Equal([2.0, 2.0], data.Lines[2].Values);
        Assert.True(data.Lines[2].Dashed);
        var html = GenericChart.toChartHTML(sweep.ToChart());
        Assert.Contains("\"type\":\"log\"", html);
        Assert.Contains("\"y\":[0.125,0.25]", html);
        Assert.Contains("<table", sweep.ToHtml());
    }

    [Fact]
    public void WorkersSweepChartHasAnIdealForEachWorkerCount()
    {
        // 8 items on 2 cores: 1 worker ideal 1×, 2 workers 2×, 4 workers still 2× (the cores), 3 workers 2× too.
        var sweep = new SweepResult("Primes", SweepResult.WorkersVaried, 4, TwoCores,
        [
            new SweepPoint(1, RunMode.Sequential, TimeSpan.FromMilliseconds(100), 1),
            new SweepPoint(1, RunMode.Processes, TimeSpan.FromMilliseconds(110), 0.91),
            new SweepPoint(2, RunMode.Sequential, TimeSpan.FromMilliseconds(100), 1),
            new SweepPoint(2, RunMode.Processes, TimeSpan.FromMilliseconds(60), 1.67),
            new SweepPoint(4, RunMode.Sequential, TimeSpan.FromMilliseconds(100), 1),
            new SweepPoint(4, RunMode.Processes, TimeSpan.FromMilliseconds(58), 1.72),
        ], items: 8);
        var data = SweepChart.Data(sweep);
        var ideal = Assert.Single(data.Lines, l => l.Dashed);
        Assert.Equal([1.0, 2.0, 4.0], ideal.Settings);
        Assert.Equal([1.0, 2.0, 2.0], ideal.Values);
        Assert.Equal([0.91, 1.67, 1.72], data.Lines.Single(l => l.Name == "Processes").Values);
        Assert.StartsWith("Primes: speedup by workers", data.Title);
        Assert.Contains("8 items", data.Title);
        Assert.Equal(2.0, sweep.IdealAt(4).Speedup);
        Assert.Contains("Processes break even: workers 2", sweep.ToString());
    }

    [Fact]
    public void ChunksizeSweepChartShowsTimesOnLogAxesWithoutAnIdealLine()
    {
        var sweep = new SweepResult("Tiny", "chunksize", 2, TwoCores,
        [
            new SweepPoint(1, RunMode.Sequential, TimeSpan.FromMilliseconds(2), 1),
            new SweepPoint(1, RunMode.Processes, TimeSpan.FromMilliseconds(500), 0.004),
            new SweepPoint(100, RunMode.Sequential, TimeSpan.FromMilliseconds(2), 1),
            new SweepPoint(100, RunMode.Processes, TimeSpan.FromMilliseconds(10), 0.2),
        ], showsTimes: true);
        var data = SweepChart.Data(sweep);
        Assert.Equal(["Sequential", "Processes"], data.Lines.Select(l => l.Name));
        Assert.Equal([500.0, 10.0], data.Lines[1].Values);
        Assert.True(data.LogY);
        Assert.StartsWith("Tiny: time by chunksize", data.Title);
        var table = System.Net.WebUtility.HtmlDecode(sweep.ToHtml());
        Assert.Contains("<th>chunksize</th>", table);
        Assert.Contains("<td>500.0 ms</td>", table);
    }

    [Fact]
    public void ComparisonTableShowsMillisecondsAndSpeedupsInWords()
    {
        var html = System.Net.WebUtility.HtmlDecode(ComparisonStatisticsTests.Sample().ToHtml()); // PocketView writes × as &#215;
        Assert.Contains("<th>median ms</th>", html);
        Assert.Contains("<td>baseline</td>", html);
        Assert.Contains("<td>2.0× faster</td>", html);
        Assert.DoesNotContain("dni-treeview", html);
    }
}
