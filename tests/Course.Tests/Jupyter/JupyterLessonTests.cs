using Course.Tests.Lessons;

namespace Course.Tests.Jupyter;

/// <summary>Every lesson runs through a real Jupyter client with the course's kernelspec, and shows what its unit checks.</summary>
[Collection("Kernel")]
public class JupyterLessonTests(JupyterLessonRuns lessons)
{
    /// <summary>The lesson runs without an error, and shows what its unit checks (Lessons/LessonNN.cs names each check).</summary>
    [Theory]
    [MemberData(nameof(LessonUnits.Lessons), MemberType = typeof(LessonUnits))]
    public async Task EveryLessonShowsWhatItTeaches(string lesson)
    {
        var unit = LessonUnits.For(lesson);
        var run = await lessons.RunAsync(lesson[..2]);
        NotebookRunChecks.RanWithoutErrors(run);
        unit.Check(new NotebookLessonOutput(lesson[..2], run));
    }
}
