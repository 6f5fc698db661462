using System.Diagnostics;

namespace Multiprocessing.Sync;

/// <summary>A timeout turned into a moment, so a wait made of several steps (a lock, then room, then data) spends it once.</summary>
internal readonly struct Deadline
{
    readonly long _end; // a Stopwatch timestamp; long.MaxValue for never, long.MinValue for "do not wait"

    Deadline(long end) => _end = end;

    /// <summary>No deadline: wait as long as it takes.</summary>
    public static Deadline Never => new(long.MaxValue);

    /// <summary>Python's <c>block=False</c>: try once, do not wait (an internal lock held by a busy process is still waited for).</summary>
    public static Deadline NoWait => new(long.MinValue);

    /// <summary><paramref name="timeout"/> from now; <see cref="Timeout.InfiniteTimeSpan"/> is <see cref="Never"/>.</summary>
    public static Deadline After(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
            return Never;
        long now = Stopwatch.GetTimestamp();
        double ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue - now ? Never : new(now + (long)ticks); // TimeSpan.MaxValue: as good as never
    }

    /// <summary>Python's <c>block</c> and <c>timeout</c>: <c>block=False</c> ignores the timeout; <c>timeout=None</c> waits forever.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative, as Python raises ValueError.</exception>
    public static Deadline From(bool block, TimeSpan? timeout, string parameter = "timeout")
    {
        if (timeout is { } t && t < TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(parameter, t, "The timeout must be zero or more, or null to wait as long as it takes.");
        return !block ? NoWait : timeout is { } limit ? After(limit) : Never;
    }

    public bool IsNever => _end == long.MaxValue;

    public bool IsNoWait => _end == long.MinValue;

    public bool Passed => !IsNever && Stopwatch.GetTimestamp() >= _end;

    /// <summary>Time left, at most <paramref name="cap"/>; zero once passed.</summary>
    public TimeSpan Left(TimeSpan cap)
    {
        if (IsNever)
            return cap;
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _end);
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left < cap ? left : cap;
    }
}
