using System.Text.RegularExpressions;

namespace Course.Handouts;

/// <summary>
/// plotly.js's basic bundle (bar, scatter and pie traces: every chart the course draws), which a page inlines so its charts
/// draw with no network: about 1 MB, against 3.6 MB for the full bundle. It is the npm package
/// <c>plotly.js-basic-dist-min</c> 2.28.0 (<c>plotly-basic.min.js</c>, MIT, sha256
/// 45ab2e13bc7424e25ac9ca473e229f1aa2367efdd9c93de745e9b5c89c25cf32), kept in this folder, at the version Plotly.NET writes charts for.
/// </summary>
internal static partial class PlotlyScript
{
    static readonly Lazy<(string Version, string Source)> Embedded = new(Load);

    /// <summary>The plotly.js version, such as "2.28.0".</summary>
    public static string Version => Embedded.Value.Version;

    /// <summary>The minified script, ready to sit inside a <c>&lt;script&gt;</c> element.</summary>
    public static string Source => Embedded.Value.Source;

    [GeneratedRegex(@"plotly\.js \(basic - minified\) v(?<version>\d+(\.\d+)*)")]
    private static partial Regex Banner();

    static (string, string) Load()
    {
        using var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream("Course.Handouts.plotly-basic.min.js")
            ?? throw new InvalidOperationException("The course tool was built without Handouts/plotly-basic.min.js; rebuild it.");
        var source = new StreamReader(stream).ReadToEnd();
        var banner = Banner().Match(source);
        if (!banner.Success)
            throw new InvalidOperationException("plotly-basic.min.js does not start with plotly.js's basic banner; put back the npm package's file.");
        // An HTML parser ends a script at the first "</script", even inside a JavaScript string; "<\/" means the same in JavaScript.
        source = source.Replace("</script", @"<\/script", StringComparison.OrdinalIgnoreCase);
        return (banner.Groups["version"].Value, source);
    }
}
