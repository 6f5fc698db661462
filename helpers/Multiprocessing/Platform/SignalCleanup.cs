using System.Runtime.InteropServices;
using Multiprocessing.Hosting;

namespace Multiprocessing.Platform;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGHUP end a .NET process without its exit handlers, which would leave its shared memory
/// in /dev/shm (holding its size in RAM) and its worker runtime configs in the temp folder until a later process swept
/// them. Once this process has made such a file, these signals delete the files it holds (<see cref="ProcessFiles"/>'s
/// list, not a search by pid, which in a container may name another process's files); the signal then does what it
/// would have done, so the process ends with the signal's usual exit status (128 + the signal's number).
/// </summary>
internal static class SignalCleanup
{
    static PosixSignalRegistration[]? _registrations;

    /// <summary>Registers the handlers once; the first file a process makes calls it.</summary>
    public static void Install()
    {
        if (Volatile.Read(ref _registrations) is not null || OperatingSystem.IsWindows() || OperatingSystem.IsBrowser())
            return;
        lock (typeof(SignalCleanup))
        {
            if (_registrations is not null)
                return;
            _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];
        }
    }

    /// <summary>
    /// A program (or a notebook kernel) that handles the signal itself and carries on cancels it; its files are still in
    /// use then, so they stay. Otherwise the process is about to end: its files go now.
    /// </summary>
    static void OnSignal(PosixSignalContext context)
    {
        if (context.Cancel)
            return;
        try { ProcessFiles.DeleteOwnFiles(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the signal must still end the process
    }
}
