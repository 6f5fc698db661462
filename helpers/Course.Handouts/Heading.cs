namespace Course.Handouts;

/// <summary>A Markdown heading on a page: its level (1 for <c>#</c>), its anchor, and its text.</summary>
internal sealed record Heading(int Level, string Id, string Text);
