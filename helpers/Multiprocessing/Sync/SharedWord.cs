namespace Multiprocessing.Sync;

/// <summary>
/// Waiting for a word in shared memory to change, and telling its waiters it did. A waiter spins briefly first (a busy
/// producer usually answers within microseconds, and a sleep and wake-up cost several), then sleeps in
/// <see cref="AddressWait"/>. Each word has a waiter count beside it, so a change nobody waits for costs no system call.
/// </summary>
internal static unsafe class SharedWord
{
    /// <summary>Spins of about a microsecond each; none on one core, where spinning only delays the process being waited for.</summary>
    static readonly int Spins = Environment.ProcessorCount > 1 ? 40 : 0;

    /// <summary>Returns once <c>*word != seen</c>, or after about <paramref name="slice"/>, whichever is first; callers look again.</summary>
    public static void WaitForChange(int* word, int seen, int* waiters, TimeSpan slice)
    {
        for (int i = 0; i < Spins; i++)
        {
            if (Volatile.Read(ref *word) != seen)
                return;
            Thread.SpinWait(20);
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
