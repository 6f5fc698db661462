using System.Diagnostics;

namespace Multiprocessing.Sync;

/// <summary>
/// When a waiting operation looks at the other processes (whether they still run, which costs a read of /proc per
/// process on Linux): every 25 ms during the first second of a wait, then every 250 ms. So a death is noticed at once
/// in a short wait, and a pool of 64 workers waiting a long time for one queue does not spend a core asking.
/// </summary>
internal struct WatchClock
{
    /// <summary>The period while a wait is young; also the slice a wait sleeps in at most, to notice a closed handle.</summary>
    public static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(25);

    /// <summary>The period once a wait has lasted <see cref="SlowAfter"/>.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(1);

    readonly long _started;
    long _checked;

    WatchClock(long now) => _started = _checked = now;

    public static WatchClock Start() => new(Stopwatch.GetTimestamp());

    /// <summary>Whether a look is due; if so, the next one is a period from now.</summary>
    public bool Due()
    {
        long now = Stopwatch.GetTimestamp();
        var period = Stopwatch.GetElapsedTime(_started, now) < SlowAfter ? Fast : Slow;
        if (Stopwatch.GetElapsedTime(_checked, now) < period)
            return false;
        _checked = now;
        return true;
    }
}
