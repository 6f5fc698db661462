using System.Diagnostics;

namespace Multiprocessing;

/// <summary>
/// Python's two loops over a list of processes, <c>for p in procs: p.start()</c> and <c>for p in procs: p.join()</c>,
/// one call each, and nothing left running when something goes wrong.
/// </summary>
/// <remarks>
/// They take a collection, not any sequence: a lazy <c>Select</c> makes new children each time it is read, so the
/// children joined would not be the ones started. Call <c>ToList()</c> first.
/// </remarks>
public static class ChildProcessExtensions
{
    /// <summary>Equivalent of <c>for p in procs: p.start()</c>: starts every child, in order.</summary>
    /// <remarks>If one child fails to start, every child is released first (those already running are killed), so none is left running.</remarks>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> or one of them is null.</exception>
    /// <exception cref="InvalidOperationException">Throws when a child was already started: a process starts once.</exception>
    public static void StartAll(this IReadOnlyCollection<ChildProcess> children)
    {
        CheckNoneNull(children);
        try
        {
            foreach (var child in children)
                child.Start();
        }
        catch
        {
            Release(children);
            throw;
        }
    }

    /// <summary>
    /// Equivalent of <c>for p in procs: p.join()</c>, then releases every child (<see cref="ChildProcess.Dispose"/>):
    /// waits until every child has ended. Pids, exit codes and times stay readable afterwards.
    /// </summary>
    /// <remarks>Every child is released however this ends: if the wait is interrupted, the children still running are killed.</remarks>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> or one of them is null.</exception>
    /// <exception cref="InvalidOperationException">Throws, before waiting for any, when a child was never started; every child is released (the running ones killed).</exception>
    public static void JoinAll(this IReadOnlyCollection<ChildProcess> children) => _ = JoinAll(children, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Equivalent of <c>for p in procs: p.join(timeout)</c> with one deadline for them all, then releases every child:
    /// returns the children still running at the deadline (which are then killed), as <c>concurrent.futures.wait</c>
    /// returns its <c>not_done</c>; an empty list when every child ended within <paramref name="timeout"/>.
    /// </summary>
    /// <param name="children">The started children, joined in order.</param>
    /// <param name="timeout">How long they may take together, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <returns>The children that did not end in time, in the list's order; they were killed, and every child was released.</returns>
    /// <remarks>Every child is released however this ends: if the wait is interrupted, the children still running are killed.</remarks>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="InvalidOperationException">Throws, before waiting for any, when a child was never started; every child is released (the running ones killed).</exception>
    public static IReadOnlyList<ChildProcess> JoinAll(this IReadOnlyCollection<ChildProcess> children, TimeSpan timeout)
    {
        CheckNoneNull(children);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        try
        {
            if (children.FirstOrDefault(child => child.Pid is null) is { } unstarted)
                throw new InvalidOperationException($"{unstarted.Name} was never started. Call StartAll() before JoinAll().");
            var clock = Stopwatch.StartNew();
            var late = new List<ChildProcess>();
            foreach (var child in children)
            {
                var left = timeout == Timeout.InfiniteTimeSpan ? timeout
                    : timeout > clock.Elapsed ? timeout - clock.Elapsed : TimeSpan.Zero;
                if (!child.Join(left))
                    late.Add(child);
            }
            return late;
        }
        finally
        {
            Release(children); // Dispose kills what still runs and waits for it: nothing is left running
        }
    }

    static void CheckNoneNull(IReadOnlyCollection<ChildProcess> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (children.Any(child => child is null))
            throw new ArgumentNullException(nameof(children), "The list of children holds a null.");
    }

    static void Release(IReadOnlyCollection<ChildProcess> children)
    {
        foreach (var child in children)
            child.Dispose();
    }
}
