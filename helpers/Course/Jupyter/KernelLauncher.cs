using System.Diagnostics;
using Multiprocessing;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Multiprocessing.Hosting;

namespace Course.Jupyter;

/// <summary>
/// What Jupyter runs as the course's kernel: the pinned .NET Interactive kernel in Jupyter mode, with its HTTP API
/// moved off the network. As shipped, that kernel always serves an HTTP API on every network interface, with an
/// unauthenticated SignalR hub that runs any code sent to it. Kestrel reads its endpoints from the environment, so
/// <c>Kestrel__Endpoints__Http__Url=http://unix:{socket}</c> binds the API to a Unix socket in a folder only the user
/// can open, and the kernel opens no TCP port but Jupyter's own, which the connection file's key authenticates.
/// </summary>
internal static partial class KernelLauncher
{
    /// <summary>The socket folders' name: <c>dotnet-course-kernel-{launcher pid}-{random}</c> in Jupyter's runtime folder.</summary>
    public const string FolderPrefix = "dotnet-course-kernel-";

    /// <summary>The socket's file name inside its folder.</summary>
    public const string SocketName = "http.sock";

    // sun_path holds 108 bytes on Linux and 104 on macOS, with the terminating zero.
    const int MaxSocketPath = 103;

    /// <summary>
    /// Starts the kernel for <paramref name="connectionFile"/> and waits for it. Jupyter's interrupt (SIGINT) becomes the
    /// kernel's Cancel, and a second one within 10 s ends the kernel; SIGTERM, SIGHUP and SIGQUIT are passed on. On
    /// Linux the kernel is also killed if this process dies (<c>PR_SET_PDEATHSIG</c>). The socket folder is deleted
    /// when the kernel ends.
    /// </summary>
    /// <returns>The kernel's exit code (128 + the signal's number when a signal ended it).</returns>
    /// <exception cref="ArgumentException">Throws when the connection file does not exist.</exception>
    /// <exception cref="InvalidOperationException">Throws when the socket's path would be too long for a Unix socket.</exception>
    public static async Task<int> RunAsync(string connectionFile)
    {
        connectionFile = Path.GetFullPath(connectionFile);
        if (!File.Exists(connectionFile))
            throw new ArgumentException($"The connection file {connectionFile} does not exist. Jupyter passes it as {{connection_file}}; install the kernelspec with 'dotnet run --project helpers/Course -- install-kernel'.");

        var runtime = JupyterFolders.Runtime();
        SweepStaleFolders(runtime);
        var name = $"{FolderPrefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(runtime);
        else
            Directory.CreateDirectory(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // as PrivateFolder makes it
        using var held = Hold(Path.Combine(runtime, name + LockSuffix));
        string folder;
        try
        {
            folder = PrivateFolder.Create(runtime, name);
        }
        catch
        {
            File.Delete(held.Name);
            throw;
        }
        try
        {
            var socket = Path.Combine(folder, SocketName);
            if (socket.Length > MaxSocketPath)
                throw new InvalidOperationException(
                    $"The kernel's socket path {socket} is {socket.Length} characters, more than a Unix socket allows ({MaxSocketPath}). " +
                    "Set JUPYTER_RUNTIME_DIR to a shorter folder that only you can open.");
            using var kernel = Process.Start(StartInfo(connectionFile, socket))!;
            using var signals = ForwardSignals(kernel, socket);
            await kernel.WaitForExitAsync();
            Multiprocessing.Hosting.ProcessFiles.DeleteFilesOf(kernel.Id); // the cells and worker configs a killed kernel could not delete
            return kernel.ExitCode;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            File.Delete(held.Name); // while still held, so no sweep takes it for a dead launcher's
        }
    }

    /// <summary>The end of the lock file's name beside each socket folder.</summary>
    internal const string LockSuffix = ".lock";

    /// <summary>
    /// Opens a lock file that only this process may open while it runs (FileShare.None: on Linux and macOS .NET takes an
    /// exclusive <c>flock</c> for it, on Windows the share mode). The lock ends with the process, however it ends, and
    /// means the same in every PID namespace: Jupyter's runtime folder is in the home folder, which containers share.
    /// </summary>
    internal static FileStream Hold(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    static ProcessStartInfo StartInfo(string connectionFile, string socket)
    {
        string[] kernel = [DotnetHost.Path, PinnedKernel.EntryDll(), "jupyter", "--default-kernel", "csharp", connectionFile];
        // setpriv sets PR_SET_PDEATHSIG, so if Jupyter SIGKILLs this launcher the kernel dies too; setsid gives the
        // kernel a process group of its own, so Jupyter's SIGINT to our group reaches only us, and we turn it into a
        // Cancel instead of the shutdown the kernel makes of SIGINT. Both exec, so the kernel keeps their pid.
        var start = OperatingSystem.IsLinux() && File.Exists(SetPriv) && File.Exists(SetSid)
            ? new ProcessStartInfo(SetPriv, ["--pdeathsig", "KILL", "--", SetSid, .. kernel])
            : new ProcessStartInfo(kernel[0], kernel[1..]);
        start.UseShellExecute = false; // the kernel writes its log to Jupyter's, through our stdio
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://unix:{socket}";
        // Keeps the API's bootstrap output, which lists this machine's addresses, out of the first cell (see QuietHttpApi).
        start.Environment[QuietHttpApi.HookVariable] = QuietHttpApi.HookValue(Environment.GetEnvironmentVariable(QuietHttpApi.HookVariable));
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    const string SetPriv = "/usr/bin/setpriv";
    const string SetSid = "/usr/bin/setsid";

    /// <summary>
    /// Jupyter's interrupt (SIGINT) becomes the kernel's Cancel, through its hub on <paramref name="socket"/>; shutdown
    /// signals (SIGTERM, SIGHUP, SIGQUIT) are passed on. This process does not die of them: it ends when the kernel has.
    /// </summary>
    static IDisposable ForwardSignals(Process kernel, string socket)
    {
        var registrations = new (PosixSignal Signal, int Number)[] { (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3) }
            .Select(s => PosixSignalRegistration.Create(s.Signal, context =>
            {
                context.Cancel = true;
                if (s.Signal != PosixSignal.SIGINT)
                    Forward(kernel, s.Number);
                else if (Interrupts.Second())
                    Forward(kernel, 2); // C# code that ignores Cancel cannot be stopped: a second interrupt ends the kernel
                else
                    _ = InterruptAsync(kernel, socket);
            }))
            .ToArray();
        return new Registrations(registrations);
    }

    /// <summary>Tells a second interrupt, one within <see cref="Window"/> of the last, from a first.</summary>
    static class Interrupts
    {
        public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
        static long _last = long.MinValue / 2;

        public static bool Second()
        {
            var now = Environment.TickCount64;
            var last = Interlocked.Exchange(ref _last, now);
            return now - last < Window.TotalMilliseconds;
        }
    }

    static async Task InterruptAsync(Process kernel, string socket)
    {
        try
        {
            await KernelInterrupt.CancelAsync(socket, TimeSpan.FromSeconds(15));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or SocketException or HttpRequestException)
        {
            Console.Error.WriteLine($"The kernel did not take the interrupt as a Cancel ({e.GetType().Name}: {e.Message}); passing SIGINT on, which ends it.");
            Forward(kernel, 2);
        }
    }

    static void Forward(Process kernel, int signal)
    {
        try
        {
            if (OperatingSystem.IsWindows() || Kill(kernel.Id, signal) != 0)
                kernel.Kill(entireProcessTree: true);
            else if (signal != 2)
                // A kernel that does not end within 10 s of a shutdown signal is killed with its children.
                _ = Task.Delay(TimeSpan.FromSeconds(10)).ContinueWith(_ =>
                {
                    try { kernel.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                });
        }
        catch (InvalidOperationException) { } // it has already exited
    }

    /// <summary>
    /// Deletes the socket folders of launchers that ended without cleaning up (SIGKILL): those whose lock file (see
    /// <see cref="Hold"/>) can be opened, or is missing. A launcher is never judged by the pid in the folder's name, which
    /// in another PID namespace means nothing or another process. The lock file is made before the folder and deleted
    /// after it, so a folder without one was left by a dead launcher.
    /// </summary>
    internal static void SweepStaleFolders(string runtime)
    {
        if (!Directory.Exists(runtime))
            return;
        foreach (var lockFile in Directory.EnumerateFiles(runtime, FolderPrefix + "*" + LockSuffix))
            try
            {
                using var stale = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                var folder = lockFile[..^LockSuffix.Length];
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
                File.Delete(lockFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // held: its launcher runs
        foreach (var folder in Directory.EnumerateDirectories(runtime, FolderPrefix + "*"))
            if (!File.Exists(folder + LockSuffix))
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    sealed class Registrations(PosixSignalRegistration[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in all)
                registration.Dispose();
        }
    }
}
