using System.Runtime.InteropServices;

namespace Multiprocessing.Memory;

/// <summary>
/// The first 64 bytes of every shared-memory block, read by every process that maps it. The data follows at
/// <see cref="Size"/>, so it stays aligned. The lock fields are <see cref="SharedLock"/>'s; the creator writes the rest once.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct SharedMemoryHeader
{
    /// <summary>The header's size in bytes, where the data starts.</summary>
    public const int Size = 64;

    /// <summary>"MPSH": written last by the creator, so a process that sees it sees a complete header.</summary>
    public const int ExpectedMagic = 0x4D505348;

    [FieldOffset(0)] public int Magic;

    /// <summary>The <see cref="Platform.ProcessIdentity"/> token of the process holding the lock, or 0 when it is free.</summary>
    [FieldOffset(4)] public int LockHolderProcess;

    [FieldOffset(8)] public int ElementSize;

    /// <summary>The holder's pid in its own PID namespace, for messages only: a pid cannot tell whether it still runs.</summary>
    [FieldOffset(12)] public int LockHolderPid;

    [FieldOffset(16)] public long Count;

    /// <summary>The managed thread id of the holder inside that process.</summary>
    [FieldOffset(24)] public int LockHolderThread;

    /// <summary>How many times the holder has taken the lock without releasing it (it is recursive).</summary>
    [FieldOffset(28)] public int LockDepth;
}
