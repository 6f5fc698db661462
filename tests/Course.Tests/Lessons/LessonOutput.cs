namespace Course.Tests.Lessons;

/// <summary>
/// One run of a lesson, whichever front end ran it (the kernel runner, a Jupyter client, the file-based app), as its
/// unit's checks read it: cells by their notebook id, and the exercise's checks.
/// </summary>
public abstract class LessonOutput(string number)
{
    /// <summary>The lesson's number, "01", "02", ….</summary>
    public string Number { get; } = number;

    /// <summary>Whether this is the file-based app: one text for the whole run, no HTML, no wrong answers run.</summary>
    public abstract bool IsApp { get; }

    /// <summary>What the code cell with id <paramref name="id"/> showed.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The lesson has no code cell with that id.</exception>
    public abstract LessonCell Cell(string id);

    /// <summary>What the exercise's check said after each answer.</summary>
    public abstract ExerciseRun Exercise { get; }
}
