using System.IO.MemoryMappedFiles;
using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Memory;

/// <summary>
/// One block of memory mapped into every process that opens it. On Linux and macOS it is a file
/// under /dev/shm (or the temp folder), because named maps are Windows-only there; on Windows it is a named map.
/// The creating process owns the block: its <see cref="Dispose"/> deletes the file. Processes that opened
/// the block keep a valid mapping until they dispose it or exit. A block the program forgot to dispose loses its file
/// when the process exits (<see cref="ProcessFiles"/>), but stays mapped until the process has ended: a background
/// thread may still be using it while the exit handlers run (<see cref="ExitSteps"/>).
/// </summary>
internal sealed unsafe class SharedMemoryBlock : IDisposable
{
    const int HeaderSize = SharedMemoryHeader.Size;

    static readonly Dictionary<string, SharedMemoryBlock> Opened = new();

    readonly MemoryMappedFile _map;
    readonly MemoryMappedViewAccessor _view;
    readonly byte* _base;
    readonly bool _owner;
    readonly OwnedFile? _file;
    int _disposed;
    int _references = 1;

    /// <summary>The file path (Unix) or map name (Windows) other processes open.</summary>
    public string Name { get; }
    public int ElementSize { get; }
    public long Count { get; }
    public byte* Data => _base + HeaderSize;
    public SharedMemoryHeader* Header => (SharedMemoryHeader*)_base;
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    SharedMemoryBlock(string name, MemoryMappedFile map, bool owner, OwnedFile? file, int elementSize, long count)
    {
        Name = name;
        _map = map;
        _owner = owner;
        _file = file;
        _view = map.CreateViewAccessor(0, HeaderSize + elementSize * count);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        ElementSize = elementSize;
        Count = count;
    }

    /// <summary>
    /// Creates a zeroed block for <paramref name="count"/> elements of <paramref name="elementSize"/> bytes, its space
    /// reserved (<see cref="SharedMemorySpace"/>), so no page of it can ever lack room.
    /// </summary>
    /// <exception cref="IOException">Throws when the shared memory folder has no room for it, saying how to make room.</exception>
    public static SharedMemoryBlock Create(int elementSize, long count)
    {
        long bytes = HeaderSize + elementSize * Math.Max(count, 1);
        SharedMemoryBlock block;
        if (OperatingSystem.IsWindows())
        {
            var name = ProcessFiles.NewName("shm"); // a map name, not a file
            block = new SharedMemoryBlock(name, MemoryMappedFile.CreateNew(name, bytes), owner: true, file: null, elementSize, count);
        }
        else
        {
            var folder = ProcessFiles.SharedMemoryFolder;
            var file = ProcessFiles.Create(folder, "shm");
            try
            {
                SharedMemorySpace.Reserve(file, bytes, folder);
                var map = MemoryMappedFile.CreateFromFile(file.Handle, null, bytes, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
                block = new SharedMemoryBlock(file.Path, map, owner: true, file, elementSize, count);
            }
            catch
            {
                file.Dispose(); // nothing is left behind
                throw;
            }
        }
        block.Header->ElementSize = elementSize;
        block.Header->Count = count;
        Volatile.Write(ref block.Header->Magic, SharedMemoryHeader.ExpectedMagic); // last: a reader that sees it sees a complete header
        return block;
    }

    /// <summary>
    /// Opens a block another process created. A process maps each block once; every open adds a reference,
    /// and the mapping goes when the last one is disposed.
    /// </summary>
    public static SharedMemoryBlock Open(string name, int elementSize, long count)
    {
        SharedMemoryBlock block;
        lock (Opened)
        {
            block = Opened.TryGetValue(name, out var open) ? open : Opened[name] = OpenNew(name);
            block._references++;
        }
        if (block.ElementSize != elementSize || block.Count != count)
        {
            block.Dispose();
            throw new InvalidOperationException(
                $"Shared memory '{name}' holds {block.Count} elements of {block.ElementSize} bytes, not {count} of {elementSize}. " +
                "Open it with the same element type it was created with.");
        }
        return block;
    }

    /// <summary>
    /// Maps a block by name. On Linux and macOS this process holds the file (a shared lock) while it maps it, as its
    /// creator does, so no sweep deletes a block still in use; it lets go when it unmaps, so a block outlives its creator
    /// only as long as someone uses it.
    /// </summary>
    static SharedMemoryBlock OpenNew(string name)
    {
        MemoryMappedFile map;
        try
        {
            if (OperatingSystem.IsWindows())
                map = MemoryMappedFile.OpenExisting(name);
            else
            {
                var handle = File.OpenHandle(name, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                try
                {
                    FileLock.TakeShared(handle);
                    map = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException ||
                                  (e is IOException && e.HResult == NativeMethods.EWOULDBLOCK && !OperatingSystem.IsWindows()))
        {
            // Gone, or being deleted by a sweep under its exclusive lock: either way its creator has let go of it.
            throw new ObjectDisposedException(name,
                "This shared memory was already disposed by the process that created it, or that process has ended. Keep it alive until its children have joined.");
        }
        using (var header = map.CreateViewAccessor(0, HeaderSize))
        {
            header.Read(0, out SharedMemoryHeader fields);
            if (fields.Magic != SharedMemoryHeader.ExpectedMagic)
                throw new InvalidDataException($"'{name}' is not shared memory made by this library.");
            return new SharedMemoryBlock(name, map, owner: false, file: null, fields.ElementSize, fields.Count) { _references = 0 };
        }
    }

    /// <summary>Drops one reference; the last unmaps the block, and in the owner also deletes the file.</summary>
    public void Dispose()
    {
        if (!_owner)
            lock (Opened)
            {
                if (--_references > 0)
                    return;
                Opened.Remove(Name);
            }
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
        _file?.Dispose(); // deletes the file, then lets go of it
    }
}
