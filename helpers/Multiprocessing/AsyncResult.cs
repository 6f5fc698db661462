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
    /// Equivalent of <c>get(timeout)</c>: returns the result when it arrives.
    /// </summary>
    /// <exception cref="TimeoutException">Throws when the result has not arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="RemoteException">Throws the exception the task raised in a worker process.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when the worker running the task died, or the pool broke.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was terminated before the task finished.</exception>
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

    /// <summary>Equivalent of <c>successful()</c>: true if the call finished without an exception.</summary>
    /// <exception cref="InvalidOperationException">Throws while the result is not ready, as Python raises ValueError.</exception>
    public bool Successful => Ready
        ? Task.IsCompletedSuccessfully
        : throw new InvalidOperationException("The result is not ready yet. Call Wait() or check Ready first.");

    /// <summary>Lets <c>await</c> wait for the result.</summary>
    public TaskAwaiter<T> GetAwaiter() => Task.GetAwaiter();
}
