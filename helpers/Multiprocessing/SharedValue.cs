using System.Text.Json.Serialization;
using Multiprocessing.Memory;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Value</c>: one value in shared memory that this
/// process and its children read and write. Pass it to a child as an argument.
/// </summary>
/// <typeparam name="T">An unmanaged type, such as <c>int</c> or <c>double</c>.</typeparam>
[JsonConverter(typeof(SharedMemoryJsonConverter))]
public sealed unsafe class SharedValue<T> : IDisposable, ISharedMemory where T : unmanaged
{
    readonly SharedMemoryBlock _block;
    readonly SharedLock? _lock;

    /// <summary>Creates a shared value, like <c>Value('i', 0)</c>, with a cross-process lock unless <paramref name="withLock"/> is false.</summary>
    public SharedValue(T initial = default, bool withLock = true)
        : this(SharedMemoryBlock.Create(sizeof(T), 1), withLock) => Value = initial;

    SharedValue(SharedMemoryBlock block, bool withLock)
    {
        _block = block;
        _lock = withLock ? new SharedLock(block) : null;
    }

    internal static SharedValue<T> Open(string name, bool withLock) => new(SharedMemoryBlock.Open(name, sizeof(T), 1), withLock);

    /// <summary>The current value. <c>Value += 1</c> is not atomic: hold <see cref="GetLock"/> around it.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the value was disposed.</exception>
    public T Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_block.IsDisposed, this);
            return *(T*)_block.Data;
        }
        set
        {
            ObjectDisposedException.ThrowIf(_block.IsDisposed, this);
            *(T*)_block.Data = value;
        }
    }

    /// <summary>Equivalent of <c>get_lock()</c>: the lock that guards the value across processes.</summary>
    /// <exception cref="InvalidOperationException">Throws when the value was created with <c>withLock: false</c>.</exception>
    public SharedLock GetLock() =>
        _lock ?? throw new InvalidOperationException("This SharedValue was created with withLock: false, so it has no lock. Create it with withLock: true.");

    /// <summary>The value as text.</summary>
    public override string ToString() => Value.ToString() ?? "";

    /// <summary>Unmaps the memory; in the creating process, also frees it.</summary>
    public void Dispose() => _block.Dispose();

    SharedMemoryBlock ISharedMemory.Block => _block;
    bool ISharedMemory.HasLock => _lock is not null;
}
