using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Multiprocessing.Memory;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Array</c>: one block of memory that this process
/// and its children all read and write. Pass it to a <see cref="ChildProcess"/> or a pool task
/// as an argument; the child maps the same memory rather than a copy.
/// The creating process owns the memory: disposing it there deletes its file, and the memory is
/// freed once no process maps it. A pool worker unmaps what it received when the task ends.
/// </summary>
/// <typeparam name="T">An unmanaged element type, such as <c>int</c> or <c>double</c>.</typeparam>
[JsonConverter(typeof(SharedMemoryJsonConverter))]
public sealed unsafe class SharedArray<T> : IReadOnlyList<T>, IDisposable, ISharedMemory where T : unmanaged
{
    readonly SharedMemoryBlock _block;
    readonly SharedLock? _lock;

    /// <summary>Creates a zeroed array of <paramref name="length"/> elements, with a cross-process lock unless <paramref name="withLock"/> is false.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="length"/> is negative.</exception>
    public SharedArray(int length, bool withLock = true)
        : this(SharedMemoryBlock.Create(sizeof(T), CheckLength(length)), withLock) { }

    /// <summary>Creates an array holding <paramref name="values"/>, like <c>Array('i', [2, 3, 4])</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="values"/> is null.</exception>
    public SharedArray(IEnumerable<T> values, bool withLock = true)
        : this(ToArrayChecked(values), withLock) { }

    SharedArray(T[] values, bool withLock) : this(values.Length, withLock) => values.CopyTo(AsSpan());

    SharedArray(SharedMemoryBlock block, bool withLock)
    {
        _block = block;
        _lock = withLock ? new SharedLock(block) : null;
    }

    /// <summary>Opens an array another process shared with this one.</summary>
    internal static SharedArray<T> Open(string name, long length, bool withLock) =>
        new(SharedMemoryBlock.Open(name, sizeof(T), length), withLock);

    /// <summary>The number of elements.</summary>
    public int Length => (int)_block.Count;

    int IReadOnlyCollection<T>.Count => Length;

    /// <summary>Reads or writes one element. Use <see cref="GetLock"/> to make read-modify-write steps atomic.</summary>
    /// <exception cref="IndexOutOfRangeException">Throws when <paramref name="index"/> is outside 0 to <see cref="Length"/> - 1.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the array was disposed.</exception>
    public T this[int index]
    {
        get => AsSpan()[index];
        set => AsSpan()[index] = value;
    }

    /// <summary>The elements as a span over the shared memory itself; writes are seen by every process.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the array was disposed.</exception>
    public Span<T> AsSpan()
    {
        ObjectDisposedException.ThrowIf(_block.IsDisposed, this);
        return new Span<T>(_block.Data, Length);
    }

    /// <summary>Equivalent of <c>get_lock()</c>: the lock that guards the array across processes.</summary>
    /// <exception cref="InvalidOperationException">Throws when the array was created with <c>withLock: false</c>.</exception>
    public SharedLock GetLock() =>
        _lock ?? throw new InvalidOperationException("This SharedArray was created with withLock: false, so it has no lock. Create it with withLock: true.");

    /// <summary>A copy of the current elements.</summary>
    public T[] ToArray() => AsSpan().ToArray();

    /// <summary>Enumerates a snapshot of the elements.</summary>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)ToArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The elements in Python's list style, e.g. <c>[8, 27, 64]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", ToArray()) + "]";

    /// <summary>Unmaps the memory; in the creating process, also frees it.</summary>
    public void Dispose() => _block.Dispose();

    SharedMemoryBlock ISharedMemory.Block => _block;
    bool ISharedMemory.HasLock => _lock is not null;

    static long CheckLength(int length) =>
        length >= 0 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, "A SharedArray needs a length of 0 or more.");

    static T[] ToArrayChecked(IEnumerable<T> values) =>
        (values ?? throw new ArgumentNullException(nameof(values))).ToArray();
}
