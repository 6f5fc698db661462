namespace Course.Tests.Lessons;

/// <summary>What one cell of a lesson showed, as a lesson's checks read it.</summary>
/// <param name="Id">The cell's id in the notebook.</param>
/// <param name="Output">Its output as text; for an app, the whole app's output, which is one text.</param>
/// <param name="Html">Its HTML output (the charts), or null where the front end shows none (an app prints text).</param>
public sealed record LessonCell(string Id, string Output, string? Html);
