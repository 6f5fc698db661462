namespace Multiprocessing.Memory;

/// <summary>What the JSON converter needs to send shared memory to another process: its block and whether it has a lock.</summary>
internal interface ISharedMemory
{
    SharedMemoryBlock Block { get; }
    bool HasLock { get; }
}
