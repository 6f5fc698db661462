using System.Runtime.InteropServices;

namespace Course.Jupyter;

/// <summary>A new folder that only this user can open (mode 0700), for a kernel's Unix socket.</summary>
internal static partial class PrivateFolder
{
    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <c>{parent}/{name}</c> with mode 0700, creating <paramref name="parent"/> (0700) if it is missing.</summary>
    /// <returns>The new folder's full path.</returns>
    /// <exception cref="IOException">Throws when the folder already exists (someone else may have made it) or cannot be made private.</exception>
    public static string Create(string parent, string name)
    {
        var path = Path.GetFullPath(Path.Combine(parent, name));
        if (OperatingSystem.IsWindows())
        {
            // The user's profile folders are private by their ACLs; a new folder inherits them.
            if (Directory.Exists(path))
                throw new IOException($"{path} already exists.");
            Directory.CreateDirectory(path);
            return path;
        }
        Directory.CreateDirectory(parent, OwnerOnly);
        // mkdir fails if the path exists, so a folder planted by someone else is never taken for ours.
        if (MakeDirectory(path, 0b111_000_000) != 0)
            throw new IOException($"Cannot create the private folder {path}: {Marshal.GetLastPInvokeErrorMessage()}.");
        File.SetUnixFileMode(path, OwnerOnly); // the umask can only have removed bits; make it exact
        if (File.GetUnixFileMode(path) != OwnerOnly)
            throw new IOException($"{path} could not be made private (mode 0700).");
        return path;
    }

    [LibraryImport("libc", EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MakeDirectory(string path, uint mode);
}
