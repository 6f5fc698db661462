using Multiprocessing.Parent;
using Multiprocessing.Wire;

namespace Multiprocessing;

// Imap and ImapUnordered: results as they come, the input read as they are taken.
public abstract partial class WorkerPool
{
    /// <summary>
    /// Equivalent of <c>imap()</c>: results in input order, each as soon as it and those before it are ready.
    /// <para>
    /// The input is read as the results are taken, from the call on, not when enumeration starts: at most a few chunks per
    /// worker run ahead of what the caller has taken, so an endless or slow input works and memory stays flat.
    /// An input that throws ends the results after those of the items read before it, with the input's own exception.
    /// </para>
    /// <para>
    /// Like Python's iterator, the results can be taken once. Every way of leaving a pass early (<c>break</c>, <c>Take</c>,
    /// <c>First</c>, disposing the enumerator, a task's <see cref="RemoteException"/> thrown at its place) keeps the position:
    /// the next pass goes on right after the last value taken, and yields nothing once all were taken.
    /// </para>
    /// </summary>
    /// <param name="function">A static method or a lambda that captures nothing: a worker process runs it from the compiled assembly.</param>
    /// <param name="iterable">The items, read as the results are taken; it may be endless.</param>
    /// <param name="chunksize">How many items travel to a worker in one task (1, as in Python: no default split, since the length is unknown).</param>
    /// <returns>The results, in input order, to be enumerated once.</returns>
    /// <inheritdoc cref="MapAsync{T, TResult}" path="/exception"/>
    /// <remarks>Enumerating throws a task's <see cref="RemoteException"/> at its place, then the input's own exception if it failed.</remarks>
    public IEnumerable<TResult> Imap<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int chunksize = 1)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Stream(function, iterable, ArgumentLists.WriteOne, function, chunksize, ordered: true);
    }

    /// <summary>
    /// Equivalent of <c>imap_unordered()</c>: results in the order they complete. The input is read as
    /// <see cref="Imap{T, TResult}"/> reads it, and the results are one-shot the same way: a pass left early goes on in the next.
    /// </summary>
    /// <inheritdoc cref="Imap{T, TResult}" path="/param"/>
    /// <returns>The results, in the order they complete, to be enumerated once.</returns>
    /// <inheritdoc cref="MapAsync{T, TResult}" path="/exception"/>
    public IEnumerable<TResult> ImapUnordered<T, TResult>(Func<T, TResult> function, IEnumerable<T> iterable, int chunksize = 1)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Stream(function, iterable, ArgumentLists.WriteOne, function, chunksize, ordered: false);
    }

    /// <summary>
    /// Chunks of an <c>Imap</c> input sent ahead of the results the caller has taken, at most: memory stays flat however
    /// long (or endless) the input is. Enough to keep every worker busy with its tasks in flight.
    /// </summary>
    int ReadAhead => Math.Max(8, Processes * 4);

    IEnumerable<TResult> Stream<TItem, TResult>(Delegate function, IEnumerable<TItem> iterable,
        ArgumentWriter<TItem> write, Func<TItem, TResult> call, int chunksize, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(iterable);
        CheckChunksize(chunksize);
        Submit(function, typeof(TResult), [], fromFeed: false); // the function and result type are checked at the call
        var results = new ResultStream<TResult>(ordered, ReadAhead);
        lock (Gate)
        {
            CheckRunning();
            _feeds++;
        }
        var chunks = new ChunkSource<TItem, TResult>(this, function, write, call, results);
        new ImapFeed<TItem, TResult>(this, iterable, chunksize, chunks, results).Start();
        return results.Results();
    }

    // What an Imap feed and its chunk source ask of their pool.

    /// <summary>Cancelled once the pool is closed or terminated: a feed stops waiting for room and reads the rest of its input.</summary>
    internal CancellationToken Closing => _closing.Token;

    /// <summary>Whether <see cref="Terminate"/> was called: a feed stops sending.</summary>
    internal bool IsTerminated
    {
        get
        {
            lock (Gate)
                return State == PoolState.Terminated;
        }
    }

    /// <summary>Queues one chunk a feed read; a closed pool still takes it (the call came before <see cref="Close"/>), a terminated one refuses it.</summary>
    internal void SubmitFromFeed(Delegate function, Type resultType, ChunkTask chunk, bool first) =>
        Submit(function, resultType, [chunk], fromFeed: true, checkRoundTrip: first);

    /// <summary>A chunk's raw results as the caller's values.</summary>
    internal TResult[] ReadChunk<TResult>(object raw, int count)
    {
        var values = new TResult[count];
        ReadResults<TResult>(raw, values);
        return values;
    }

    /// <summary>A feed's input has ended: once the last feed of a closed pool ends, its workers are told to finish.</summary>
    internal void FeedEnded()
    {
        lock (Gate)
            if (--_feeds == 0 && State == PoolState.Closed)
                OnClosed(); // asserts the gate is held
    }
}
