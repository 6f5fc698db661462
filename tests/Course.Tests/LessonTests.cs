using Course.Tests.Lessons;

namespace Course.Tests;

/// <summary>Every lesson runs in the real pinned kernel, through the course runner, and shows what its unit checks.</summary>
[Collection("Kernel")]
public class LessonTests(LessonRuns lessons)
{
    /// <summary>The lessons are discovered in notebooks/, not listed: they must be numbered 01, 02, … with no gap.</summary>
    [Fact]
    public void TheLessonsAreNumberedInOrderWithNoGap()
    {
        var numbers = LessonRuns.Lessons.Select(p => Path.GetFileName(p)[..2]).ToArray();
        Assert.NotEmpty(numbers);
        Assert.Equal(Enumerable.Range(1, numbers.Length).Select(n => n.ToString("00")), numbers);
    }

    /// <summary>Every lesson has its teacher's folder: a solution and at least one tempting wrong answer for its check.</summary>
    [Fact]
    public void EveryLessonHasASolutionAndAWrongAnswer()
    {
        foreach (var number in LessonRuns.Lessons.Select(p => Path.GetFileName(p)[..2]))
        {
            Assert.True(LessonRuns.Solutions.ContainsKey(number), $"notebooks/teacher/{number}-…/solution.cs is missing");
            Assert.NotEmpty(LessonRuns.WrongAnswers[number]);
        }
        Assert.Equal(LessonRuns.Lessons.Count, LessonRuns.Solutions.Count);
    }

    /// <summary>Every lesson has its unit, tests/Course.Tests/Lessons/LessonNN.cs, and every unit its lesson.</summary>
    [Fact]
    public void EveryLessonHasItsUnitOfChecks()
    {
        var numbers = LessonRuns.Lessons.Select(p => Path.GetFileName(p)[..2]).ToArray();
        foreach (var number in numbers)
            Assert.True(LessonUnits.Defined.ContainsKey(number), $"notebooks/{Path.GetFileName(LessonUnits.Notebook(number))} has no unit: add tests/Course.Tests/Lessons/Lesson{number}.cs.");
        Assert.Empty(LessonUnits.Defined.Keys.Except(numbers));
    }

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
