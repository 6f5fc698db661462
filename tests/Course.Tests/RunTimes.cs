namespace Course.Tests;

/// <summary>
/// How long each lesson took as a notebook and as an app in this test run, one line each in
/// artifacts/test-results/lesson-times.txt, so the two forms can be compared side by side.
/// </summary>
internal static class RunTimes
{
    static readonly Lock Gate = new();

    public static void Record(string form, string lesson, TimeSpan elapsed)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Samples.Root, "artifacts", "test-results"));
        lock (Gate)
            File.AppendAllText(Path.Combine(folder.FullName, "lesson-times.txt"), $"{DateTime.UtcNow:HH:mm:ss} {form} {lesson} {elapsed.TotalSeconds:0.0} s\n");
    }
}
