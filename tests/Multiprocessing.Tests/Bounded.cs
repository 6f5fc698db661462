using System.Runtime.ExceptionServices;

namespace Multiprocessing.Tests;

/// <summary>
/// Runs a blocking call (Map, Apply, enumerating Imap) on its own thread and waits for it a bounded time,
/// so a hang fails the test in seconds instead of hanging the run.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static T Run<T>(Func<T> call, TimeSpan? limit = null)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try { result = call(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        }) { IsBackground = true, Name = "bounded test call" };
        thread.Start();
        if (!thread.Join(limit ?? Limit))
            throw new TimeoutException($"The call did not return within {(limit ?? Limit).TotalSeconds} s: it hangs.");
        error?.Throw();
        return result;
    }

    /// <summary>Takes the next item of a blocking enumerator, within the limit.</summary>
    public static T Next<T>(IEnumerator<T> enumerator, TimeSpan? limit = null) =>
        Run(() => enumerator.MoveNext() ? enumerator.Current : throw new InvalidOperationException("The sequence ended early."), limit);
}
