using Multiprocessing.Wire;

namespace Multiprocessing;

// Apply and ApplyAsync: one call in a worker.
public abstract partial class WorkerPool
{
    /// <summary>Equivalent of <c>apply(f)</c>: runs the function in a worker and waits for its result.</summary>
    /// <param name="function">A static method or a lambda that captures nothing: a worker process runs it from the compiled assembly.</param>
    /// <returns>What <paramref name="function"/> returned in the worker.</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws, for a process pool, when a worker could not run <paramref name="function"/> (a capturing lambda), or an argument or the result type cannot travel as JSON, would arrive as a different value (state JSON cannot see), or passes the 256 MiB limit of one task's data.</exception>
    /// <exception cref="InvalidOperationException">Throws when the pool was closed or terminated.</exception>
    /// <exception cref="BrokenProcessPoolException">Throws when a process pool is broken (a worker failed to start).</exception>
    /// <exception cref="RemoteException">Throws the exception the task raised in a worker process.</exception>
    public TResult Apply<TResult>(Func<TResult> function) => ApplyAsync(function).Get();

    /// <summary>Equivalent of <c>apply(f, (a,))</c>.</summary>
    /// <param name="function">A static method or a lambda that captures nothing: a worker process runs it from the compiled assembly.</param>
    /// <param name="arg1">The first argument, sent to the worker as JSON.</param>
    /// <inheritdoc cref="Apply{TResult}" path="/returns"/>
    /// <inheritdoc cref="Apply{TResult}" path="/exception"/>
    public TResult Apply<T1, TResult>(Func<T1, TResult> function, T1 arg1) => ApplyAsync(function, arg1).Get();

    /// <summary>Equivalent of <c>apply(f, (a, b))</c>.</summary>
    /// <param name="function">A static method or a lambda that captures nothing: a worker process runs it from the compiled assembly.</param>
    /// <param name="arg1">The first argument, sent to the worker as JSON.</param>
    /// <param name="arg2">The second argument.</param>
    /// <inheritdoc cref="Apply{TResult}" path="/returns"/>
    /// <inheritdoc cref="Apply{TResult}" path="/exception"/>
    public TResult Apply<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2) => ApplyAsync(function, arg1, arg2).Get();

    /// <summary>Equivalent of <c>apply(f, (a, b, c))</c>.</summary>
    /// <param name="function">A static method or a lambda that captures nothing: a worker process runs it from the compiled assembly.</param>
    /// <param name="arg1">The first argument, sent to the worker as JSON.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <inheritdoc cref="Apply{TResult}" path="/returns"/>
    /// <inheritdoc cref="Apply{TResult}" path="/exception"/>
    public TResult Apply<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, T1 arg1, T2 arg2, T3 arg3) =>
        ApplyAsync(function, arg1, arg2, arg3).Get();

    /// <summary>Equivalent of <c>apply_async(f)</c>: starts the function in a worker and returns at once.</summary>
    /// <inheritdoc cref="Apply{TResult}" path="/param"/>
    /// <returns>The pending result: <see cref="AsyncResult{T}.Get(TimeSpan?)"/> waits for it, or throws the task's <see cref="RemoteException"/>.</returns>
    /// <inheritdoc cref="Apply{TResult}" path="/exception[@cref!='T:Multiprocessing.RemoteException']"/>
    public AsyncResult<TResult> ApplyAsync<TResult>(Func<TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll<bool, TResult>(function, [true], static (_, _, _) => { }, _ => function(), 1));
    }

    /// <summary>Equivalent of <c>apply_async(f, (a,))</c>.</summary>
    /// <inheritdoc cref="Apply{T1, TResult}" path="/param"/>
    /// <inheritdoc cref="ApplyAsync{TResult}" path="/returns"/>
    /// <inheritdoc cref="ApplyAsync{TResult}" path="/exception"/>
    public AsyncResult<TResult> ApplyAsync<T1, TResult>(Func<T1, TResult> function, T1 arg1)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll(function, [arg1], ArgumentLists.WriteOne, function, 1));
    }

    /// <summary>Equivalent of <c>apply_async(f, (a, b))</c>.</summary>
    /// <inheritdoc cref="Apply{T1, T2, TResult}" path="/param"/>
    /// <inheritdoc cref="ApplyAsync{TResult}" path="/returns"/>
    /// <inheritdoc cref="ApplyAsync{TResult}" path="/exception"/>
    public AsyncResult<TResult> ApplyAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll(function, [(arg1, arg2)], ArgumentLists.WriteTwo, t => function(t.Item1, t.Item2), 1));
    }

    /// <summary>Equivalent of <c>apply_async(f, (a, b, c))</c>.</summary>
    /// <inheritdoc cref="Apply{T1, T2, T3, TResult}" path="/param"/>
    /// <inheritdoc cref="ApplyAsync{TResult}" path="/returns"/>
    /// <inheritdoc cref="ApplyAsync{TResult}" path="/exception"/>
    public AsyncResult<TResult> ApplyAsync<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, T1 arg1, T2 arg2, T3 arg3)
    {
        ArgumentNullException.ThrowIfNull(function);
        return First(RunAll(function, [(arg1, arg2, arg3)], ArgumentLists.WriteThree, t => function(t.Item1, t.Item2, t.Item3), 1));
    }

    static AsyncResult<TResult> First<TResult>(AsyncResult<List<TResult>> all) =>
        new(all.Task.ContinueWith(
            t => t.GetAwaiter().GetResult()[0], // rethrows with the worker's stack trace
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
}
