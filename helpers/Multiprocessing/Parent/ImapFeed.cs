namespace Multiprocessing.Parent;

/// <summary>
/// Reads an <c>Imap</c> input a chunk at a time and sends each chunk once its <see cref="ResultStream{TResult}"/> has room,
/// so reading runs a bounded way ahead of the results taken. An in-memory collection (an array, a list) fills the room
/// within the call, so its first tasks are queued before the call returns and before any task sent after it; any other
/// input is read by a task, as Python's task handler thread reads it, so a slow or endless input never blocks the call.
/// An input that throws ends the stream after the chunks read before, with its own exception; a chunk that cannot be sent
/// ends it with that error. Once the pool is closed the bound is dropped, so Join never waits for a caller who stopped reading.
/// <para>
/// It holds its pool (asked whether it is closing or terminated, and told when the feed ends), a
/// <see cref="ChunkSource{TItem, TResult}"/> that turns each chunk read into the pool's task, and the stream it fills.
/// </para>
/// </summary>
internal sealed class ImapFeed<TItem, TResult>(
    WorkerPool pool,
    IEnumerable<TItem> input,
    int chunksize,
    ChunkSource<TItem, TResult> chunks,
    ResultStream<TResult> stream)
{
    IEnumerator<TItem>? _items;
    int _chunks;
    Exception? _failure;

    public void Start()
    {
        try
        {
            _items = input.GetEnumerator();
            if (input is ICollection<TItem> or IReadOnlyCollection<TItem>)
                while (stream.Room.Wait(0))
                    if (!SendNext())
                    {
                        End();
                        return;
                    }
        }
        catch (Exception e)
        {
            _failure = e;
            End();
            return;
        }
        // The task carries the caller's context (a notebook cell's), which the chunks capture for their output.
        _ = Task.Run(RunAsync);
    }

    async Task RunAsync()
    {
        try
        {
            while (true)
            {
                if (!pool.Closing.IsCancellationRequested)
                {
                    try { await stream.Room.WaitAsync(pool.Closing).ConfigureAwait(false); }
                    catch (OperationCanceledException) { } // closed or terminated: SendNext tells which
                }
                if (!SendNext())
                    break;
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
        }
        End();
    }

    /// <summary>Reads and sends one chunk; false when the input has ended or failed.</summary>
    bool SendNext()
    {
        if (pool.IsTerminated)
            throw new InvalidOperationException("The pool was terminated before this task was sent.");
        var items = new List<TItem>(Math.Min(chunksize, 1024));
        bool more = true;
        try
        {
            while (items.Count < chunksize && (more = _items!.MoveNext()))
                items.Add(_items.Current);
        }
        catch (Exception e)
        {
            _failure = e; // the input's own exception, raised after the results of what was read
            more = false;
        }
        if (items.Count == 0)
            return false;
        chunks.Send(items, _chunks);
        _chunks++;
        return more;
    }

    void End()
    {
        try { _items?.Dispose(); }
        catch (Exception e) { _failure ??= e; }
        stream.End(_chunks, _failure);
        pool.FeedEnded();
    }
}
