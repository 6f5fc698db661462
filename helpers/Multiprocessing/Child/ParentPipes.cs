using Microsoft.Win32.SafeHandles;
using Multiprocessing.Platform;

namespace Multiprocessing.Child;

/// <summary>
/// The child's ends of the pipes its parent made for it (<see cref="Parent.ChildPipes"/>), given as
/// <c>--channel READ,WRITE</c>. They are kept from the processes this child starts, as every other handle is.
/// </summary>
internal static class ParentPipes
{
    /// <summary>Opens the pipe from the parent and the pipe to it.</summary>
    /// <exception cref="ArgumentException">Throws when the program was not started by the library (no <c>--channel</c>).</exception>
    public static (Stream FromParent, Stream ToParent) Open(string[] args)
    {
        int at = Array.IndexOf(args, "--channel");
        var ends = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : [];
        if (ends.Length != 2 || !long.TryParse(ends[0], out var read) || !long.TryParse(ends[1], out var write))
            throw new ArgumentException("This program is started by the Multiprocessing library (ProcessPool, ChildProcess, LocalCluster), not by hand: it needs --channel READ,WRITE.");
        return (Open((nint)read, FileAccess.Read), Open((nint)write, FileAccess.Write));
    }

    static FileStream Open(nint handle, FileAccess access)
    {
        if (OperatingSystem.IsWindows())
            NativeMethods.SetHandleInformation(handle, NativeMethods.HANDLE_FLAG_INHERIT, 0);
        else
            NativeMethods.fcntl((int)handle, NativeMethods.F_SETFD, NativeMethods.FD_CLOEXEC);
        return new FileStream(new SafeFileHandle(handle, ownsHandle: true), access, bufferSize: 0);
    }
}
