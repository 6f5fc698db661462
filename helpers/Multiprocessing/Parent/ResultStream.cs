using System.Collections.Concurrent;

namespace Multiprocessing.Parent;

/// <summary>
/// The results of an <c>Imap</c> or <c>ImapUnordered</c> call as they arrive, chunk by chunk. Workers' reader threads
/// add chunks; the caller enumerates <see cref="Results"/>, in input order or in arrival order.
/// The state lives here, not in the iterator, so enumerating again goes on where the last pass stopped
/// (and ends at once when all is taken), like Python's one-shot iterator.
/// </summary>
internal sealed class ResultStream<TResult>(int chunks, bool ordered)
{
    readonly BlockingCollection<(int Start, TResult[]? Values, Exception? Error)> _arrivals = new();
    readonly Dictionary<int, (TResult[]? Values, Exception? Error)> _early = new();
    int _next, _received;

    /// <summary>A chunk's values, starting at item <paramref name="start"/>.</summary>
    public void Add(int start, TResult[] values) => _arrivals.Add((start, values, null));

    /// <summary>A chunk that failed; enumeration throws <paramref name="error"/> when it reaches the chunk.</summary>
    public void Fail(int start, Exception error) => _arrivals.Add((start, null, error));

    /// <summary>Each value once it and, when ordered, every value before it have arrived; throws a chunk's error in its place.</summary>
    public IEnumerable<TResult> Results()
    {
        for (; _received < chunks; _received++)
        {
            var (start, values, error) = _arrivals.Take();
            if (!ordered)
            {
                if (error is not null)
                    throw error;
                foreach (var value in values!)
                    yield return value;
                continue;
            }
            _early[start] = (values, error);
            while (_early.Remove(_next, out var ready))
            {
                if (ready.Error is not null)
                    throw ready.Error;
                foreach (var value in ready.Values!)
                    yield return value;
                _next += ready.Values!.Length;
            }
        }
    }
}
