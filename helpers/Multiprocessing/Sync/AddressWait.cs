using System.Runtime.InteropServices;
using Multiprocessing.Platform;

namespace Multiprocessing.Sync;

/// <summary>
/// Sleeping until a 32-bit word in shared memory changes, and waking the processes that sleep on it: what every
/// cross-process wait of the queues, pipes, events, semaphores and barriers is built on.
/// <para>
/// On Linux it is a futex on the shared word (no <c>FUTEX_PRIVATE_FLAG</c>, so it works across processes that map the
/// same file): a waiter sleeps in the kernel and costs nothing until a waker calls <see cref="WakeAll"/>. macOS and
/// Windows have no cross-process futex that .NET can call (Windows's <c>WaitOnAddress</c> is for one process only), so
/// there a waiter checks the word every millisecond, asleep in between: no core is spun, and a wake-up takes up to about
/// a millisecond (plus the timer's resolution, about 15 ms on Windows unless raised).
/// </para>
/// </summary>
internal static unsafe class AddressWait
{
    /// <summary>SYS_futex on this architecture, or 0 where futexes are not used.</summary>
    static readonly long FutexCall = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => 0,
    };

    /// <summary>False where waiters poll (<see cref="AddressWait"/>'s remarks).</summary>
    static bool UseFutex => FutexCall != 0 && !PollOnThisThread;

    /// <summary>For tests: makes this thread's waits poll, as they do on macOS and Windows, to cover that path on Linux.</summary>
    [ThreadStatic]
    internal static bool PollOnThisThread;

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, for at most <paramref name="timeout"/> (never infinite: callers wait in
    /// slices so they can check on other processes between them). Returns at once when the word already differs. May
    /// return early (a wake-up for another waiter, a signal): callers check their condition again.
    /// </summary>
    public static void Wait(int* address, int expected, TimeSpan timeout)
    {
        if (Volatile.Read(ref *address) != expected || timeout <= TimeSpan.Zero)
            return;
        if (!UseFutex)
        {
            Thread.Sleep(1);
            return;
        }
        long ticks = timeout.Ticks;
        var relative = new NativeMethods.Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        NativeMethods.futex(FutexCall, address, NativeMethods.FUTEX_WAIT, expected, &relative, null, 0);
        // EAGAIN (the word changed first), ETIMEDOUT and EINTR all mean: look again.
    }

    /// <summary>Wakes every process and thread sleeping in <see cref="Wait"/> on <paramref name="address"/>.</summary>
    public static void WakeAll(int* address) => Wake(address, int.MaxValue);

    /// <summary>Wakes up to <paramref name="count"/> sleepers on <paramref name="address"/>.</summary>
    public static void Wake(int* address, int count)
    {
        if (FutexCall != 0) // a polling thread here may wake futex sleepers elsewhere
            NativeMethods.futex(FutexCall, address, NativeMethods.FUTEX_WAKE, count, null, null, 0);
    }
}
