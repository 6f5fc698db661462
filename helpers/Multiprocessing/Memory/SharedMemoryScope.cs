namespace Multiprocessing.Memory;

/// <summary>
/// The shared memory a worker opened for one task. The worker disposes it when the task ends,
/// so memory the parent has freed does not stay mapped in workers that once received it.
/// </summary>
internal sealed class SharedMemoryScope : IDisposable
{
    [ThreadStatic]
    static SharedMemoryScope? _current;

    readonly List<IDisposable> _opened = [];

    /// <summary>Starts collecting what this thread opens.</summary>
    public static SharedMemoryScope Begin() => _current = new SharedMemoryScope();

    /// <summary>Hands an opened array or value to the current task, if one is collecting.</summary>
    public static void Track(IDisposable opened) => _current?._opened.Add(opened);

    public void Dispose()
    {
        _current = null;
        foreach (var opened in _opened)
            opened.Dispose();
    }
}
