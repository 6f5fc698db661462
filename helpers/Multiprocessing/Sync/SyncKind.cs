namespace Multiprocessing.Sync;

/// <summary>What a block of shared memory holds, written first in it, so a handle opened as the wrong type fails clearly.</summary>
internal enum SyncKind
{
    Queue = 0x4D505101,
    JoinableQueue = 0x4D505102,
    Pipe = 0x4D505103,
    Event = 0x4D505104,
    Semaphore = 0x4D505105,
    Barrier = 0x4D505106,
}
