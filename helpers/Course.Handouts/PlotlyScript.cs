using System.Text.RegularExpressions;

namespace Course.Handouts;

/// <summary>
/// plotly.js as Plotly.NET embeds it in its assembly: the copy a handout inlines, so its charts draw with no network.
/// It is the same version Plotly.NET.Interactive asks its CDN for.
/// </summary>
internal static partial class PlotlyScript
{
    static readonly Lazy<(string Version, string Source)> Embedded = new(Load);

    /// <summary>The plotly.js version, such as "2.28.0".</summary>
    public static string Version => Embedded.Value.Version;

    /// <summary>The minified script, ready to sit inside a <c>&lt;script&gt;</c> element.</summary>
    public static string Source => Embedded.Value.Source;

    [GeneratedRegex(@"plotly-(?<version>\d+(\.\d+)*)\.min\.js$")]
    private static partial Regex ResourceName();

    static (string, string) Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var matches = assembly.GetManifestResourceNames().Where(name => ResourceName().IsMatch(name)).ToList();
        if (matches.Count != 1)
            throw new InvalidOperationException(
                $"{assembly.GetName().Name} {assembly.GetName().Version} embeds {matches.Count} plotly-*.min.js resources, not one, " +
                "so the handouts cannot tell which plotly.js to inline. Pin Plotly.NET to 6.0.0 in Directory.Packages.props.");
        using var stream = assembly.GetManifestResourceStream(matches[0])!;
        var source = new StreamReader(stream).ReadToEnd();
        // An HTML parser ends a script at the first "</script", even inside a JavaScript string; "<\/" means the same in JavaScript.
        source = source.Replace("</script", @"<\/script", StringComparison.OrdinalIgnoreCase);
        return (ResourceName().Match(matches[0]).Groups["version"].Value, source);
    }
}
