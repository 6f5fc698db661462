using System.Security.Cryptography;
using Multiprocessing.Hosting;

namespace Multiprocessing.Platform;

/// <summary>
/// Who a process is, in the words the library writes to shared memory (a lock's holder, a queue's or pipe's openers): a
/// token, a random positive number naming an identity the process holds for as long as it runs. A pid cannot be used
/// for this: it means nothing in another PID namespace (a container sharing /dev/shm with its host, where a live
/// holder's pid may not exist and a dead one's may be a live process, even the reader itself), and it is reused. A token
/// means the same everywhere, and "alive" is asked of the identity, never of a pid:
/// <list type="bullet">
/// <item>On Linux and macOS the identity is a file <c>dotnet-mp-{pid}-id-{token:x8}</c> in the shared memory folder, held
/// with a shared <see cref="FileLock"/>, which the kernel drops when the process ends, however it ends (SIGKILL
/// included). Alive means the file is there and its lock cannot be taken. A dead process's file is swept like its other
/// files (<see cref="ProcessFiles"/>).</item>
/// <item>On Windows it is a named mutex <c>dotnet-mp-id-{token:x8}</c> that the process keeps open: a named kernel object
/// lasts while a handle to it is open, and the system closes a process's handles when it ends. Alive means the name can
/// be opened. (Pid plus start time would also survive pid reuse, but a name is the same mechanism as the named shared
/// memory it guards, so it holds wherever that memory can be shared at all.)</item>
/// </list>
/// The identity is made the first time a process needs its token, that is before its first lock or queue operation.
/// </summary>
internal static class ProcessIdentity
{
    const string Kind = "id";

    static readonly Lock Gate = new();
    static readonly Dictionary<int, string> Found = []; // other processes' identity files, by token: a live one's never moves
    static int _token;
    static OwnedFile? _file;
    static Mutex? _windowsName;

    /// <summary>This process's token: never 0, never another running process's. The first call makes the identity.</summary>
    /// <exception cref="IOException">Throws when the shared memory folder cannot take the identity file.</exception>
    public static int Token
    {
        get
        {
            int token = Volatile.Read(ref _token);
            return token != 0 ? token : Make();
        }
    }

    /// <summary>Whether the process that holds <paramref name="token"/> still runs; true for this process's own.</summary>
    public static bool IsAlive(int token)
    {
        if (token == 0)
            return false;
        if (token == Volatile.Read(ref _token))
            return true;
        if (OperatingSystem.IsWindows())
        {
            if (!Mutex.TryOpenExisting(WindowsName(token), out var name))
                return false;
            name.Dispose();
            return true;
        }
        var path = Find(token);
        if (path is null)
            return false;
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (!FileLock.TryTakeExclusive(file))
                return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // locked by a sweep or another asker this instant, or unreadable: it is asked again later
        }
        lock (Gate)
            Found.Remove(token);
        return false;
    }

    /// <summary>Whether <paramref name="file"/> is this process's identity file.</summary>
    public static bool IsIdentity(OwnedFile file) => ReferenceEquals(file, Volatile.Read(ref _file));

    static int Make()
    {
        lock (Gate)
        {
            if (_token != 0)
                return _token;
            int token;
            if (OperatingSystem.IsWindows())
            {
                while (true)
                {
                    token = NewToken();
                    var name = new Mutex(false, WindowsName(token), out bool createdNew);
                    if (createdNew)
                    {
                        _windowsName = name;
                        break;
                    }
                    name.Dispose();
                }
            }
            else
            {
                token = 0;
                // The name is made afresh on every attempt, and never with a token some file of this folder already has.
                _file = ProcessFiles.Create(ProcessFiles.SharedMemoryFolder, Kind, () =>
                {
                    do
                        token = NewToken();
                    while (Directory.EnumerateFiles(ProcessFiles.SharedMemoryFolder, Pattern(token)).Any());
                    return $"dotnet-mp-{Environment.ProcessId}-{Kind}-{token:x8}";
                });
            }
            Volatile.Write(ref _token, token);
            return token;
        }
    }

    static int NewToken() => RandomNumberGenerator.GetInt32(1, int.MaxValue);

    static string Pattern(int token) => $"dotnet-mp-*-{Kind}-{token:x8}";

    static string WindowsName(int token) => $"dotnet-mp-{Kind}-{token:x8}";

    /// <summary>The identity file of <paramref name="token"/>, or null when there is none (its process ended and it was swept).</summary>
    static string? Find(int token)
    {
        lock (Gate)
            if (Found.TryGetValue(token, out var known))
                return known;
        var path = Directory.EnumerateFiles(ProcessFiles.SharedMemoryFolder, Pattern(token)).FirstOrDefault();
        if (path is not null)
            lock (Gate)
                Found[token] = path;
        return path;
    }
}
