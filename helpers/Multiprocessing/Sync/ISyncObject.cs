namespace Multiprocessing.Sync;

/// <summary>A queue, pipe end, event, semaphore or barrier, as <see cref="SyncObjectJsonConverter"/> sends it to another process.</summary>
internal interface ISyncObject
{
    /// <summary>The handle to send; a pipe end also counts the copy on its way (<see cref="ProcessTable.AddTransit"/>).</summary>
    /// <exception cref="ObjectDisposedException">Throws when the object was closed in this process.</exception>
    SyncHandle ToHandle();
}

/// <summary>Opens, in this process, an object another process sent.</summary>
internal interface ISyncObject<TSelf> : ISyncObject where TSelf : ISyncObject<TSelf>
{
    static abstract TSelf Open(SyncHandle handle);
}
