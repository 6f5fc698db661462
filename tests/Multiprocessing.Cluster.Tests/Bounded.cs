namespace Multiprocessing.Cluster.Tests;

/// <summary>Every wait in these tests is bounded: a hang fails the test in seconds instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds, at most <paramref name="limit"/>.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan limit, string what)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (!condition())
        {
            try { await Task.Delay(10, cancel.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds} s."); }
        }
    }
}
