using Multiprocessing;

namespace Multiprocessing.Measurements;

/// <summary>
/// A check's wait for the children that run the learner's code: bounded, so a check never hangs, and worded so the
/// learner knows which function did not finish. The waiting is the library's
/// (<see cref="ChildProcessExtensions.JoinAll(IReadOnlyCollection{ChildProcess}, TimeSpan)"/>); this adds the words.
/// </summary>
public static class ExerciseChildren
{
    /// <summary>
    /// Equivalent of <c>children.JoinAll(limit)</c> for a check: waits up to <paramref name="limit"/> for every child
    /// (one deadline for them all), kills those still running, and releases every child.
    /// </summary>
    /// <param name="children">The started children that run the learner's code.</param>
    /// <param name="limit">How long they may take, together.</param>
    /// <param name="what">The learner's function, as they would recognise it ("SquareInPlace").</param>
    /// <returns>Null when every child ended in time; else the sentence a check shows, such as
    /// "SquareInPlace did not finish within 30 s in 2 of 5 children: …".</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="limit"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">Throws when a child was never started; every child is released.</exception>
    public static string? JoinAll(IReadOnlyCollection<ChildProcess> children, TimeSpan limit, string what)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        int late = children.JoinAll(limit).Count;
        return late == 0 ? null
            : $"{what} did not finish within {limit.TotalSeconds:0.#} s in {late} of {children.Count} {(children.Count == 1 ? "child" : "children")}, " +
              "which were stopped: look for a loop that never ends or a wait with no timeout.";
    }
}
