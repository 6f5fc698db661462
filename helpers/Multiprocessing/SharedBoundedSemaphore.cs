using System.Text.Json.Serialization;
using Multiprocessing.Sync;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.BoundedSemaphore</c>: a <see cref="SharedSemaphore"/> that refuses to be
/// released past its initial value, which catches a release without an acquire.
/// </summary>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public sealed class SharedBoundedSemaphore : SharedSemaphore, ISyncObject<SharedBoundedSemaphore>
{
    /// <summary>Equivalent of <c>BoundedSemaphore(value=1)</c>.</summary>
    /// <param name="value">The counter's start, and the most it may reach.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="value"/> is negative, as Python raises ValueError.</exception>
    public SharedBoundedSemaphore(int value = 1) : base(value, bounded: true)
    {
    }

    SharedBoundedSemaphore(SyncMemory memory) : base(memory)
    {
    }

    static SharedBoundedSemaphore ISyncObject<SharedBoundedSemaphore>.Open(SyncHandle handle) =>
        new(SyncMemory.Open(handle, "SharedBoundedSemaphore", SyncKind.Semaphore));

    private protected override string TypeName => "SharedBoundedSemaphore";
}
