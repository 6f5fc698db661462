namespace Course.Tests.Lessons;

/// <summary>
/// Finds each lesson's unit by convention: the class <c>Course.Tests.Lessons.LessonNN</c>, deriving from
/// <see cref="LessonUnit"/>, for the notebook <c>notebooks/NN-name.ipynb</c>. Nothing lists the lessons.
/// </summary>
public static class LessonUnits
{
    /// <summary>Every lesson in notebooks/, as its file name without extension ("01-what-is-multiprocessing"), for a [Theory].</summary>
    public static TheoryData<string> Lessons() => new(LessonRuns.Lessons.Select(Path.GetFileNameWithoutExtension)!);

    /// <summary>The units defined in this assembly, by lesson number.</summary>
    public static IReadOnlyDictionary<string, Type> Defined { get; } = typeof(LessonUnit).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(LessonUnit)) && !type.IsAbstract)
        .ToDictionary(type => type.Name["Lesson".Length..], StringComparer.Ordinal);

    /// <summary>The unit of <paramref name="lesson"/> ("01-what-is-multiprocessing" or "01").</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The lesson has no unit.</exception>
    public static LessonUnit For(string lesson) =>
        Defined.TryGetValue(lesson[..2], out var type) ? (LessonUnit)Activator.CreateInstance(type)!
        : throw new Xunit.Sdk.XunitException($"Lesson {lesson} has no unit: add tests/Course.Tests/Lessons/Lesson{lesson[..2]}.cs, a class Lesson{lesson[..2]} : LessonUnit with its checks.");

    /// <summary>The path of the notebook of lesson <paramref name="number"/> ("01").</summary>
    public static string Notebook(string number) =>
        LessonRuns.Lessons.Single(path => Path.GetFileName(path).StartsWith(number[..2] + "-", StringComparison.Ordinal));
}
