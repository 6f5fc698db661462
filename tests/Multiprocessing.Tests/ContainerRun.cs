using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// tests/ContainerProgram run as in a container: inside namespaces of its own (<c>unshare</c>, which needs root, as CI
/// has), so a test can give it a small /dev/shm, another PID namespace or an unusable temp folder without touching the
/// machine's own. The lines it prints are read within a bound; disposing kills it and everything it started.
/// </summary>
internal sealed class ContainerRun : IDisposable
{
    static readonly string Program = Path.Combine(AppContext.BaseDirectory, "ContainerProgram.dll");
    static readonly TimeSpan LineLimit = TimeSpan.FromSeconds(60);

    readonly Process _process;
    readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    readonly StringBuilder _output = new();
    readonly StringBuilder _errors = new();

    ContainerRun(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }
            lock (_output)
                _output.AppendLine(e.Data);
            _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (_errors)
                    _errors.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>True where namespaces can be made: Linux, as root (as CI runs), with util-linux's unshare.</summary>
    public static bool Possible => OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/unshare");

    /// <summary>Everything the program printed on stdout so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Everything it printed on stderr so far (a child's traceback, for one).</summary>
    public string Errors { get { lock (_errors) return _errors.ToString(); } }

    /// <summary>In a mount namespace of its own whose /dev/shm is a new tmpfs of <paramref name="mebibytes"/> MiB, as Docker gives a container.</summary>
    public static ContainerRun WithSharedMemoryOf(int mebibytes, params string[] args) =>
        InMountNamespace($"mount -t tmpfs -o size={mebibytes}m tmpfs /dev/shm", new Dictionary<string, string?>(), null, args);

    /// <summary>
    /// In a mount namespace of its own, after <paramref name="setup"/> (shell commands, such as mounts), with the variables
    /// of <paramref name="environment"/> set (or removed, for a null value), in <paramref name="workingFolder"/>.
    /// </summary>
    public static ContainerRun InMountNamespace(string setup, IReadOnlyDictionary<string, string?> environment, string? workingFolder, params string[] args)
    {
        var start = Unshare(["-m"], $"{setup} && cd \"${{WORKDIR:-.}}\" && exec \"$@\"", args);
        if (workingFolder is not null)
            start.Environment["WORKDIR"] = workingFolder;
        return new ContainerRun(With(start, environment));
    }

    /// <summary>
    /// In a PID namespace of its own that shares /dev/shm and the temp folder with this machine, as a container run with
    /// <c>--ipc=host</c> or a pod's shared memory volume does, at pid <paramref name="pid"/> there (its pid 1 is a shell,
    /// unless <paramref name="pid"/> is 1: then the program is the namespace's first process, as a container's program is).
    /// </summary>
    public static ContainerRun InPidNamespace(int pid, params string[] args) =>
        new(Unshare(["-p", "-f", "--mount-proc"], pid == 1 ? "exec \"$@\"" : $"echo {pid - 1} > /proc/sys/kernel/ns_last_pid && \"$@\"; exit $?", args));

    /// <summary>On this machine, with no namespace of its own, with the variables of <paramref name="environment"/> set (or removed, for a null value).</summary>
    public static ContainerRun Here(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost.Path);
        foreach (var arg in new[] { "exec", Program }.Concat(args))
            start.ArgumentList.Add(arg);
        return new ContainerRun(With(start, environment));
    }

    /// <summary>On this machine, with no namespace of its own.</summary>
    public static ContainerRun Here(params string[] args) => Here(new Dictionary<string, string?>(), args);

    /// <summary>A pid no process here has now, for a program in another PID namespace: there it means nothing here.</summary>
    public static int PidUnusedHere()
    {
        int top = Math.Min(int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim()), 32768) - 1;
        for (int pid = top; pid > 300; pid--)
            if (!Directory.Exists($"/proc/{pid}"))
                return pid;
        throw new InvalidOperationException("Every pid is in use.");
    }

    static ProcessStartInfo With(ProcessStartInfo start, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        return start;
    }

    static ProcessStartInfo Unshare(string[] namespaces, string script, string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/unshare");
        foreach (var arg in namespaces.Concat(["--", "/bin/sh", "-c", script, "sh", DotnetHost.Path, "exec", Program]).Concat(args))
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>The next line the program prints, within a minute.</summary>
    /// <exception cref="TimeoutException">Throws when no line came, with what it wrote to stderr.</exception>
    public string NextLine()
    {
        using var limit = new CancellationTokenSource(LineLimit);
        try
        {
            return _lines.Reader.ReadAsync(limit.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"The program printed no further line ({(e is ChannelClosedException ? "it ended" : "within a minute")}). " +
                $"Its output:\n{Output}\nIts errors:\n{Errors}");
        }
    }

    /// <summary>Sends the program one line of input.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Closes its input and waits for it to end, within a minute.</summary>
    /// <returns>Its exit code.</returns>
    public int Finish()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(LineLimit))
            throw new TimeoutException($"The program did not end within a minute. Its output:\n{Output}\nIts errors:\n{Errors}");
        _process.WaitForExit(); // the output's last lines
        return _process.ExitCode;
    }

    /// <summary>Kills the program and everything it started (SIGKILL, as a container's runtime or the OOM killer does), and waits for it to end.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had ended already.
        }
        if (!_process.WaitForExit(LineLimit))
            throw new TimeoutException("The program did not end within a minute of SIGKILL.");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
        _process.Dispose();
    }
}
