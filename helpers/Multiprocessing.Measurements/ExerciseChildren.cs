using System.Diagnostics;
using Multiprocessing;

namespace Multiprocessing.Measurements;

/// <summary>
/// A check's wait for the children that run the learner's code: bounded, so a check never hangs, and worded so the
/// learner knows which function did not finish.
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
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="limit"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">Throws when a child was never started; every child is released.</exception>
    public static string? JoinAll(IReadOnlyCollection<ChildProcess> children, TimeSpan limit, string what)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        int late = 0;
        try
        {
            if (children.FirstOrDefault(child => child.Pid is null) is { } unstarted)
                throw new InvalidOperationException($"{unstarted.Name} was never started. Call StartAll() before waiting.");
            var clock = Stopwatch.StartNew();
            foreach (var child in children)
                if (!child.Join(limit > clock.Elapsed ? limit - clock.Elapsed : TimeSpan.Zero))
                {
                    late++;
                    child.Kill();
                }
        }
        finally
        {
            // Dispose kills what still runs and waits for it: nothing is left running.
            foreach (var child in children)
                child.Dispose();
        }
        return late == 0 ? null
            : $"{what} did not finish within {limit.TotalSeconds:0.#} s in {late} of {children.Count} {(children.Count == 1 ? "child" : "children")}, " +
              "which were stopped: look for a loop that never ends or a wait with no timeout.";
    }
}
