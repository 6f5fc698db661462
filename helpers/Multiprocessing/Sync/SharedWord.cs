namespace Multiprocessing.Sync;

/// <summary>
/// Waiting for a word in shared memory to change, and telling its waiters it did. A waiter first yields its core a few
/// times, looking between them (a busy partner usually answers within microseconds, and a sleep and wake-up cost
/// several), then sleeps in <see cref="AddressWait"/>. Each word has a waiter count beside it, so a change nobody waits
/// for costs no system call.
/// </summary>
// Yielding, not spinning, by measurement (2 cores, Linux, a ping-pong between two processes, load average 27): with no
// wait before sleeping a round trip took 4.6 us; yielding 3 or 10 times, 3.6 us; spinning about 10 or 40 us instead,
// 20 and 72 us, because a spinner holds the core the other process needs. Streaming items: 203,000 a second without,
// 401,000 and 497,000 yielding 3 and 10 times.
internal static unsafe class SharedWord
{
    const int Yields = 10;

    /// <summary>Returns once <c>*word != seen</c>, or after about <paramref name="slice"/>, whichever is first; callers look again.</summary>
    public static void WaitForChange(int* word, int seen, int* waiters, TimeSpan slice)
    {
        for (int i = 0; i < Yields; i++)
        {
            if (Volatile.Read(ref *word) != seen)
                return;
            Thread.Yield();
        }
        // The count goes up before the word is read again (a full fence), and a waker changes the word before it reads
        // the count (also a full fence): either the waker sees this waiter, or this waiter sees the change.
        Interlocked.Increment(ref *waiters);
        try
        {
            AddressWait.Wait(word, seen, slice);
        }
        finally
        {
            Interlocked.Decrement(ref *waiters);
        }
    }

    /// <summary>Wakes everything waiting on <paramref name="word"/>; call it after changing the word with an <see cref="Interlocked"/> operation.</summary>
    public static void WakeAll(int* word, int* waiters)
    {
        if (Volatile.Read(ref *waiters) > 0)
            AddressWait.WakeAll(word);
    }
}
