namespace Multiprocessing.Measurements;

/// <summary>The one place that words an exercise's result, so every lesson's check reads alike.</summary>
public static class Exercise
{
    /// <summary>Prints "✓ Correct: <paramref name="correct"/>" when <paramref name="passed"/>, else "✗ Not yet: <paramref name="notYet"/>".</summary>
    /// <returns><paramref name="passed"/>, so a caller can go on from it.</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="correct"/> or <paramref name="notYet"/> is null.</exception>
    public static bool Check(bool passed, string correct, string notYet)
    {
        Console.WriteLine(Verdict(passed, correct, notYet));
        return passed;
    }

    /// <summary>The line <see cref="Check"/> prints.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="correct"/> or <paramref name="notYet"/> is null.</exception>
    public static string Verdict(bool passed, string correct, string notYet)
    {
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(notYet);
        return passed ? $"✓ Correct: {correct}" : $"✗ Not yet: {notYet}";
    }
}
