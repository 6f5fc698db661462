using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>AsyncResult</c>: the future result of <c>ApplyAsync</c> or <c>MapAsync</c>.
/// Call <see cref="Get"/> or <c>await</c> it.
/// </summary>
public sealed class AsyncResult<T>
{
    internal AsyncResult(Task<T> task) => Task = task;

    /// <summary>The result as a task, for <c>Task.WhenAll</c> and friends.</summary>
    public Task<T> Task { get; }

    /// <summary>
    /// Returns the result when it arrives. Throws <see cref="TimeoutException"/> if it has not arrived within
    /// <paramref name="timeout"/>, or the task's own exception if it failed.
    /// </summary>
    public T Get(TimeSpan? timeout = null)
    {
        if (!Wait(timeout))
            throw new TimeoutException($"The result was not ready within {timeout!.Value.TotalSeconds:0.###} s. Wait longer, or check Ready first.");
        if (Task.Exception is { } failure)
            ExceptionDispatchInfo.Throw(failure.InnerExceptions.Count == 1 ? failure.InnerExceptions[0] : failure);
        return Task.Result;
    }

    /// <summary>Waits until the result is ready or <paramref name="timeout"/> passes; returns <see cref="Ready"/>.</summary>
    public bool Wait(TimeSpan? timeout = null)
    {
        try
        {
            return ((System.Threading.Tasks.Task)Task).Wait(timeout ?? Timeout.InfiniteTimeSpan);
        }
        catch (AggregateException)
        {
            return true; // failed, but ready
        }
    }

    /// <summary>True once the call has finished, successfully or not.</summary>
    public bool Ready => Task.IsCompleted;

    /// <summary>True if the call finished without an exception. Throws <see cref="InvalidOperationException"/> while not ready, as Python raises ValueError.</summary>
    public bool Successful => Ready
        ? Task.IsCompletedSuccessfully
        : throw new InvalidOperationException("The result is not ready yet. Call Wait() or check Ready first.");

    /// <summary>Lets <c>await</c> wait for the result.</summary>
    public TaskAwaiter<T> GetAwaiter() => Task.GetAwaiter();
}
