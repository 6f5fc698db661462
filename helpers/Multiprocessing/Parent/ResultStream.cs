using System.Runtime.ExceptionServices;

namespace Multiprocessing.Parent;

/// <summary>
/// The results of an <c>Imap</c> or <c>ImapUnordered</c> call, chunk by chunk, as a one-shot cursor. Workers' reader
/// threads add chunks; the feeder says how many chunks there are once the input ends, and the input's own error if it
/// failed; the caller takes values one at a time, in input order or in arrival order.
/// <para>
/// Every step of the cursor is taken under one lock and recorded before the value is handed out, so a pass that stops
/// early (<c>break</c>, <c>Take</c>, <c>First</c>, a chunk's error, a disposed enumerator) leaves the position right
/// after the last value it got, and the next pass goes on from there, as Python's iterator does. A pass waits only for
/// chunks that were sent and not yet taken, and each of those completes or fails, so no pass waits for nothing.
/// </para>
/// </summary>
internal sealed class ResultStream<TResult>(bool ordered, int readAhead)
{
    readonly object _lock = new();
    readonly Dictionary<int, (TResult[]? Values, Exception? Error)> _arrived = new();
    readonly Queue<int> _arrivalOrder = new();
    int _nextChunk, _taken;
    int? _total;
    Exception? _inputError;
    TResult[]? _current;
    int _position;

    /// <summary>Released once per chunk the caller has taken: the feeder sends a chunk only when it holds a slot.</summary>
    public SemaphoreSlim Room { get; } = new(readAhead);

    /// <summary>Chunk <paramref name="chunk"/>'s values, in its items' order.</summary>
    public void Add(int chunk, TResult[] values) => Arrive(chunk, values, null);

    /// <summary>A chunk that failed; taking values throws <paramref name="error"/> in its place, once.</summary>
    public void Fail(int chunk, Exception error) => Arrive(chunk, null, error);

    /// <summary>The input ended after <paramref name="chunks"/> chunks; <paramref name="inputError"/> is raised after their results, if set.</summary>
    public void End(int chunks, Exception? inputError)
    {
        lock (_lock)
        {
            _total = chunks;
            _inputError = inputError;
            Monitor.PulseAll(_lock);
        }
    }

    void Arrive(int chunk, TResult[]? values, Exception? error)
    {
        lock (_lock)
        {
            _arrived[chunk] = (values, error);
            if (!ordered)
                _arrivalOrder.Enqueue(chunk);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Each value not taken yet, from where the last pass stopped; throws a chunk's error, then the input's, in place.</summary>
    public IEnumerable<TResult> Results()
    {
        while (TryTake(out var value))
            yield return value;
    }

    bool TryTake(out TResult value)
    {
        lock (_lock)
        {
            while (true)
            {
                if (_current is not null && _position < _current.Length)
                {
                    value = _current[_position++];
                    return true;
                }
                _current = null;
                if (TakeNextChunk() is { } chunk)
                {
                    _taken++;
                    Room.Release();
                    if (chunk.Error is not null)
                        ExceptionDispatchInfo.Throw(chunk.Error);
                    (_current, _position) = (chunk.Values, 0);
                    continue;
                }
                if (_total == _taken)
                {
                    if (_inputError is { } error)
                    {
                        _inputError = null; // raised once; the next pass ends
                        ExceptionDispatchInfo.Throw(error);
                    }
                    value = default!;
                    return false;
                }
                Monitor.Wait(_lock); // a chunk that was sent, or the end of the input, is still to come
            }
        }
    }

    (TResult[]? Values, Exception? Error)? TakeNextChunk()
    {
        if (ordered)
        {
            if (!_arrived.Remove(_nextChunk, out var next))
                return null;
            _nextChunk++;
            return next;
        }
        while (_arrivalOrder.TryDequeue(out var chunk))
            if (_arrived.Remove(chunk, out var next))
                return next;
        return null;
    }
}
