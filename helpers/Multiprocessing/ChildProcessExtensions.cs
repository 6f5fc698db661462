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
    public static void JoinAll(this IReadOnlyCollection<ChildProcess> children) => JoinAll(children, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Equivalent of <c>for p in procs: p.join(timeout)</c> with one deadline for them all, then releases every child:
    /// returns true when every child ended within <paramref name="timeout"/>, false when some were still running, which are then killed.
    /// </summary>
    /// <remarks>Every child is released however this ends: if the wait is interrupted, the children still running are killed.</remarks>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="InvalidOperationException">Throws, before waiting for any, when a child was never started; every child is released (the running ones killed).</exception>
    public static bool JoinAll(this IReadOnlyCollection<ChildProcess> children, TimeSpan timeout)
    {
        CheckNoneNull(children);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        try
        {
            if (children.FirstOrDefault(child => child.Pid is null) is { } unstarted)
                throw new InvalidOperationException($"{unstarted.Name} was never started. Call StartAll() before JoinAll().");
            var clock = Stopwatch.StartNew();
            var allEnded = true;
            foreach (var child in children)
            {
                var left = timeout == Timeout.InfiniteTimeSpan ? timeout
                    : timeout > clock.Elapsed ? timeout - clock.Elapsed : TimeSpan.Zero;
                allEnded &= child.Join(left);
            }
            return allEnded;
        }
        finally
        {
            Release(children);
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
