namespace Course.Handouts;

/// <summary>The handouts' own stylesheet and script, kept as files next to this one and embedded in the tool.</summary>
public static class HandoutAssets
{
    /// <summary>Layout, light and dark themes, and the print stylesheet (handout.css).</summary>
    public static string Css { get; } = Read("handout.css");

    /// <summary>Draws each figure's chart from its data with the inlined plotly.js (handout.js).</summary>
    public static string Script { get; } = Read("handout.js");

    static string Read(string name)
    {
        using var stream = typeof(HandoutAssets).Assembly.GetManifestResourceStream($"Course.Handouts.{name}")
            ?? throw new InvalidOperationException($"The course tool was built without Handouts/{name}; rebuild it.");
        return new StreamReader(stream).ReadToEnd();
    }
}
