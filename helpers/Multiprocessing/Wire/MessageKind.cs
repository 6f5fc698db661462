namespace Multiprocessing.Wire;

/// <summary>The first byte of every frame between a parent and a worker.</summary>
internal enum MessageKind : byte
{
    // Parent to worker.
    Setup = 1,
    Call = 2,
    Stop = 3,

    // Worker to parent.
    Ready = 10,
    Result = 11,
    Error = 12,
    Output = 13,
    SetupFailed = 14,
}
