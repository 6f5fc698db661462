namespace Multiprocessing.Hosting;

/// <summary>
/// The front end the library uses in this process: the one place a notebook kernel or an app plugs in. Equivalent of
/// setting every hook at once; until <see cref="Use"/> is called it is <see cref="ConsoleFrontEnd.Default"/>.
/// </summary>
public static class FrontEnd
{
    static volatile IFrontEnd _current = ConsoleFrontEnd.Default;

    /// <summary>The front end the library calls now: the last one <see cref="Use"/> set, or the console's.</summary>
    public static IFrontEnd Current => _current;

    /// <summary>
    /// Makes <paramref name="frontEnd"/> the one the library calls for progress, worker output and in-memory assemblies,
    /// until the returned handle is disposed. A front end that lives as long as the process keeps the handle and never disposes it.
    /// </summary>
    /// <param name="frontEnd">The front end to use.</param>
    /// <returns>A handle whose disposal puts back the front end used before this call (once; later disposals do nothing).</returns>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="frontEnd"/> is null.</exception>
    public static IDisposable Use(IFrontEnd frontEnd)
    {
        ArgumentNullException.ThrowIfNull(frontEnd);
        var previous = Interlocked.Exchange(ref _current, frontEnd);
        return new Restore(previous);
    }

    /// <summary>Puts the previous front end back, once.</summary>
    sealed class Restore(IFrontEnd previous) : IDisposable
    {
        int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                _current = previous;
        }
    }
}
