namespace Multiprocessing.Measurements;

/// <summary>
/// The one place that words an exercise's result, so every lesson's check reads alike. A failed check gives a one-line
/// nudge about the idea and counts the attempt; code appears only when the learner asks for it, with <see cref="Hint"/>.
/// </summary>
public static class Exercise
{
    static readonly object Gate = new();
    static readonly Dictionary<string, int> AttemptsByExercise = new(StringComparer.Ordinal);
    static (string Exercise, string Hint)? _lastFailure;

    /// <summary>Prints "✓ Correct: <paramref name="correct"/>" when <paramref name="passed"/>, else "✗ Not yet: <paramref name="notYet"/>".</summary>
    /// <param name="passed">Whether the learner's answer is right.</param>
    /// <param name="correct">What to say when it is.</param>
    /// <param name="notYet">What to say when it is not.</param>
    /// <returns><paramref name="passed"/>, so a caller can go on from it.</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="correct"/> or <paramref name="notYet"/> is null.</exception>
    public static bool Check(bool passed, string correct, string notYet)
    {
        var verdict = Verdict(passed, correct, notYet);
        Console.WriteLine(verdict);
        ExerciseReport.Write("", passed, 1, passed ? correct : notYet);
        return passed;
    }

    /// <summary>
    /// A lesson's check: prints "✓ Correct: …" when <paramref name="passed"/>, else "✗ Not yet (attempt N): …" with a
    /// one-line nudge and the offer of a hint, and counts the attempt. The hint's code is held back until
    /// <see cref="Hint"/> is called.
    /// </summary>
    /// <param name="exercise">The exercise's name, usually the function the learner writes ("SquareInPlace").</param>
    /// <param name="passed">Whether the learner's answer is right.</param>
    /// <param name="correct">What to say when it is: what the check saw.</param>
    /// <param name="notYet">What to say when it is not: what the check saw, and a nudge about the idea. No code.</param>
    /// <param name="hint">What <see cref="Hint"/> shows after this check failed: a code skeleton, never the whole answer.</param>
    /// <returns><paramref name="passed"/>, so a caller can go on from it.</returns>
    /// <exception cref="ArgumentException">Throws when <paramref name="exercise"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">Throws when a text is null.</exception>
    public static bool Check(string exercise, bool passed, string correct, string notYet, string hint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exercise);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(notYet);
        ArgumentNullException.ThrowIfNull(hint);
        int attempt;
        lock (Gate)
        {
            attempt = AttemptsByExercise[exercise] = AttemptsByExercise.GetValueOrDefault(exercise) + 1;
            _lastFailure = passed ? null : (exercise, hint);
        }
        string verdict = passed
            ? Verdict(true, correct, notYet)
            : $"✗ Not yet (attempt {attempt}): {notYet}\n  Stuck? Run Exercise.Hint() in a new cell for a code hint.";
        Console.WriteLine(verdict);
        ExerciseReport.Write(exercise, passed, attempt, passed ? correct : notYet);
        return passed;
    }

    /// <summary>
    /// Prints the code hint of the last check that failed. Before any check has failed, it says to try first: the
    /// hint is there for when the learner is stuck, not instead of thinking.
    /// </summary>
    public static void Hint()
    {
        (string Exercise, string Hint)? failure;
        lock (Gate) failure = _lastFailure;
        Console.WriteLine(failure is { } f
            ? $"Hint for {f.Exercise}:\n{f.Hint}"
            : "No hint yet: write your answer and run the check cell first. A hint comes after a check says \"Not yet\".");
    }

    /// <summary>How many times the check of <paramref name="exercise"/> has run in this process.</summary>
    /// <param name="exercise">The name given to <see cref="Check(string, bool, string, string, string)"/>.</param>
    public static int Attempts(string exercise)
    {
        lock (Gate) return AttemptsByExercise.GetValueOrDefault(exercise);
    }

    /// <summary>
    /// Runs a piece of the learner's code in this process with a time limit, so a check never hangs: the equivalent
    /// of calling <paramref name="code"/>, bounded.
    /// </summary>
    /// <param name="limit">How long the code may take.</param>
    /// <param name="what">What the code is, as the learner would recognise it ("DefaultChunksize(10, 2)").</param>
    /// <param name="code">The learner's code.</param>
    /// <returns>What <paramref name="code"/> returned.</returns>
    /// <exception cref="TimeoutException">Throws when the code did not finish within <paramref name="limit"/>,
    /// naming <paramref name="what"/>. The code's thread cannot be stopped and keeps running: the message says to
    /// restart the kernel or the app.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="limit"/> is not positive.</exception>
    /// <remarks>Whatever <paramref name="code"/> throws is rethrown as it was.</remarks>
    public static T Within<T>(TimeSpan limit, string what, Func<T> code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(code);
        var run = Task.Factory.StartNew(code, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Waits on the task's handle, not with Task.Wait, which would wrap what the code threw in an AggregateException.
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(limit) && !run.IsCompleted)
            throw new TimeoutException(
                $"{what} did not finish within {limit.TotalSeconds:0.#} s: look for a loop that never ends or a wait with no timeout. " +
                "It is still running on a thread of this process, which nothing can stop: restart the kernel (or the app) once you have fixed it.");
        return run.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Within{T}(TimeSpan, string, Func{T})"/>
    public static void Within(TimeSpan limit, string what, Action code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Within(limit, what, () => { code(); return true; });
    }

    /// <summary>The line <see cref="Check(bool, string, string)"/> prints.</summary>
    /// <param name="passed">Whether the learner's answer is right.</param>
    /// <param name="correct">What to say when it is.</param>
    /// <param name="notYet">What to say when it is not.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="correct"/> or <paramref name="notYet"/> is null.</exception>
    public static string Verdict(bool passed, string correct, string notYet)
    {
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(notYet);
        return passed ? $"✓ Correct: {correct}" : $"✗ Not yet: {notYet}";
    }
}
