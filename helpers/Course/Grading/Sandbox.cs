using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Course.Grading;

/// <summary>The limits one graded program runs under.</summary>
/// <param name="Time">Wall time; then the whole sandbox is killed.</param>
/// <param name="MemoryBytes">Memory of all its processes together (cgroup memory controller, swap included).</param>
/// <param name="Tasks">Processes and threads together (cgroup pids controller; a .NET process has about 20 threads).</param>
/// <param name="OutputBytes">Standard output and error together; reading stops there and the sandbox is killed.</param>
/// <param name="ScratchBytes">Size of each of its private /tmp and /dev/shm.</param>
internal sealed record SandboxLimits(TimeSpan Time, long MemoryBytes, int Tasks, long OutputBytes, long ScratchBytes)
{
    public static SandboxLimits Default { get; } = new(TimeSpan.FromSeconds(60), 1L << 30, 512, 4L << 20, 256L << 20);
}

/// <summary>How a sandboxed run ended, and what it printed (standard output holds the session's token lines).</summary>
internal sealed record SandboxRun(int? ExitCode, bool TimedOut, bool OutOfMemory, bool HitTaskLimit, bool OutputCapped,
    string Output, string Errors, TimeSpan Elapsed);

/// <summary>
/// Runs a compiled program in Debian's bubblewrap: new user, PID, network, IPC, UTS and cgroup namespaces (no network),
/// an empty root with only the system's /usr, the .NET root and the program's files read-only, a private /tmp and
/// /dev/shm of a fixed size, no capabilities, a new session, and death with the grader. Memory and the number of
/// processes are limited by one cgroup v1 memory and one pids group per run, joined before bubblewrap starts, so
/// nothing the program starts can leave them; wall time and output are limited here, and a limit kills every process
/// in the groups, which are then removed.
/// </summary>
internal static class Sandbox
{
    const string Bwrap = "/usr/bin/bwrap";
    const string MemoryRoot = "/sys/fs/cgroup/memory";
    const string PidsRoot = "/sys/fs/cgroup/pids";
    const string SetPriv = "/usr/bin/setpriv";
    const string Prefix = "course-grade-";
    static int _runs;

    /// <summary>Null when every limit can be enforced here, else a sentence saying what is missing and what to do.</summary>
    public static string? Problem()
    {
        if (!OperatingSystem.IsLinux())
            return "Grading runs on Linux only (the dev container, a Codespace, WSL): it needs bubblewrap and cgroups to run students' code safely.";
        if (!File.Exists(Bwrap))
            return $"Grading needs bubblewrap ({Bwrap}) to run students' code in a sandbox: install it (apt-get install bubblewrap), then run grade again.";
        if (Geteuid() != 0)
            return "Grading needs root to limit each submission's memory and processes with cgroups (/sys/fs/cgroup/memory and pids): run it as root, for example in the dev container with sudo.";
        foreach (var root in new[] { MemoryRoot, PidsRoot })
            if (!Directory.Exists(root) || !File.Exists(Path.Combine(root, "cgroup.procs")))
                return $"Grading needs the cgroup v1 controller at {root}, writable by root, to limit each submission; it is not mounted here.";
        return null;
    }

    /// <summary>Runs <c>dotnet Answer.dll</c> from <paramref name="folder"/> in a sandbox, with <paramref name="token"/> as its first line of input.</summary>
    public static async Task<SandboxRun> RunAsync(string folder, IReadOnlyList<string> libraries, string token, SandboxLimits limits)
    {
        var name = $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}";
        var memory = Path.Combine(MemoryRoot, name);
        var pids = Path.Combine(PidsRoot, name);
        Directory.CreateDirectory(memory);
        Directory.CreateDirectory(pids);
        var clock = Stopwatch.StartNew();
        try
        {
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), limits.MemoryBytes.ToString());
            TryWrite(Path.Combine(memory, "memory.memsw.limit_in_bytes"), limits.MemoryBytes.ToString());
            File.WriteAllText(Path.Combine(pids, "pids.max"), limits.Tasks.ToString());

            // The shell joins both groups and then becomes bubblewrap: nothing runs outside them, even for an instant.
            // setpriv first sets the parent-death signal, which survives both execs: if the grader is killed, so is
            // bubblewrap, and with it the sandbox (--die-with-parent). It fires when the starting thread ends, so
            // every run starts on the one starter thread, which lives as long as the grader.
            var info = new ProcessStartInfo(File.Exists(SetPriv) ? SetPriv : "/bin/sh")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (File.Exists(SetPriv))
                foreach (var arg in new[] { "--pdeathsig", "KILL", "--", "/bin/sh" })
                    info.ArgumentList.Add(arg);
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("echo $$ > \"$1\" && echo $$ > \"$2\" && shift 2 && exec \"$@\"");
            info.ArgumentList.Add("sh");
            info.ArgumentList.Add(Path.Combine(memory, "cgroup.procs"));
            info.ArgumentList.Add(Path.Combine(pids, "cgroup.procs"));
            foreach (var arg in Arguments(folder, libraries, limits))
                info.ArgumentList.Add(arg);
            info.Environment.Clear();

            using var process = await Starter.StartAsync(info);
            var capped = 0;
            long read = 0;
            using var stop = new CancellationTokenSource();
            async Task<string> Drain(Stream stream)
            {
                var kept = new MemoryStream();
                var buffer = new byte[65536];
                try
                {
                    int n;
                    while ((n = await stream.ReadAsync(buffer, stop.Token)) > 0)
                    {
                        if (Interlocked.Add(ref read, n) > limits.OutputBytes)
                        {
                            Interlocked.Exchange(ref capped, 1);
                            stop.Cancel();
                            break;
                        }
                        kept.Write(buffer, 0, n);
                    }
                }
                catch (OperationCanceledException) { }
                catch (IOException) { }
                return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
            }
            var output = Drain(process.StandardOutput.BaseStream);
            var errors = Drain(process.StandardError.BaseStream);
            try
            {
                await process.StandardInput.WriteAsync(token + "\n");
                process.StandardInput.Close();
            }
            catch (IOException) { } // it ended before reading its input

            var timedOut = false;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
            {
                deadline.CancelAfter(limits.Time);
                try
                {
                    await process.WaitForExitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    timedOut = capped == 0;
                }
            }
            KillAll(process, memory, pids);
            // Every process that held the pipes is dead now, so reading ends at their end, with what was still in them.
            try
            {
                await Task.WhenAll(output, errors).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                stop.Cancel();
            }
            var text = await output;
            var err = await errors;
            int? exit = process.HasExited ? process.ExitCode : null;
            return new SandboxRun(
                exit, timedOut,
                Counter(Path.Combine(memory, "memory.oom_control"), "oom_kill") > 0 || Counter(Path.Combine(memory, "memory.failcnt"), null) > 0 && exit != 0,
                Counter(Path.Combine(pids, "pids.events"), "max") > 0,
                capped != 0, text, err, clock.Elapsed);
        }
        finally
        {
            Remove(memory);
            Remove(pids);
        }
    }

    /// <summary>
    /// Removes the groups and temp folders a grader that was killed left behind (their names carry its pid, and it is
    /// gone), killing anything still in the groups. Called before grading starts.
    /// </summary>
    public static void SweepStale()
    {
        foreach (var root in new[] { MemoryRoot, PidsRoot })
            foreach (var group in Directory.EnumerateDirectories(root, Prefix + "*"))
            {
                var owner = Path.GetFileName(group)[Prefix.Length..].Split('-')[0];
                if (int.TryParse(owner, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                    Remove(group);
            }
        // And the folders its compiled programs were in.
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (int.TryParse(owner, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                Directory.Delete(folder, recursive: true);
        }
    }

    static IEnumerable<string> Arguments(string folder, IReadOnlyList<string> libraries, SandboxLimits limits)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var dotnet = Path.Combine(dotnetRoot, "dotnet");
        List<string> args =
        [
            Bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--uid", "65534", "--gid", "65534", "--hostname", "grading",
            "--ro-bind", "/usr", "/usr",
        ];
        foreach (var link in new[] { "bin", "sbin", "lib", "lib64", "lib32", "libx32" })
        {
            var path = "/" + link;
            if (new FileInfo(path).LinkTarget is { } target)
                args.AddRange(["--symlink", target, path]);
            else if (Directory.Exists(path))
                args.AddRange(["--ro-bind", path, path]);
        }
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
            args.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev",
            "--size", limits.ScratchBytes.ToString(), "--perms", "1777", "--tmpfs", "/tmp",
            "--size", limits.ScratchBytes.ToString(), "--perms", "1777", "--tmpfs", "/dev/shm"]);
        foreach (var library in libraries)
            args.AddRange(["--ro-bind", library, "/app/" + Path.GetFileName(library)]);
        foreach (var file in Directory.EnumerateFiles(folder))
            args.AddRange(["--ro-bind", file, "/app/" + Path.GetFileName(file)]);
        args.AddRange(["--remount-ro", "/", "--chdir", "/tmp", "--clearenv",
            "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "DOTNET_ROOT", dotnetRoot, "--setenv", "DOTNET_NOLOGO", "1", "--setenv", "DOTNET_CLI_TELEMETRY_OPTOUT", "1",
            "--setenv", "DOTNET_EnableDiagnostics", "0",
            "--", dotnet, "/app/" + AnswerProgram.AssemblyName + ".dll"]);
        return args;
    }

    /// <summary>Kills bubblewrap and then every process left in the groups, until they are empty (at most a few seconds).</summary>
    static void KillAll(Process process, string memory, string pids)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        for (var round = 0; round < 500; round++)
        {
            var left = Members(memory).Concat(Members(pids)).Distinct().ToList();
            if (left.Count == 0)
                break;
            foreach (var pid in left)
                _ = Kill(pid, 9);
            Thread.Sleep(10);
        }
        process.WaitForExit(5000);
    }

    static IEnumerable<int> Members(string group)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(group, "cgroup.procs")).Select(l => int.TryParse(l, out var p) ? p : 0).Where(p => p > 0).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    static void Remove(string group)
    {
        for (var round = 0; round < 500 && Directory.Exists(group); round++)
        {
            foreach (var pid in Members(group))
                _ = Kill(pid, 9);
            try
            {
                Directory.Delete(group); // rmdir: a cgroup's files go with it
            }
            catch (IOException)
            {
                Thread.Sleep(10); // busy until its last task is reaped
            }
        }
    }

    static long Counter(string file, string? key)
    {
        try
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (key is null && parts.Length == 1 && long.TryParse(parts[0], out var value))
                    return value;
                if (key is not null && parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var keyed))
                    return keyed;
            }
        }
        catch (IOException) { }
        return 0;
    }

    static void TryWrite(string file, string text)
    {
        try
        {
            File.WriteAllText(file, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // no swap accounting: memory alone is limited
    }

    /// <summary>One long-lived thread that starts every sandbox, so a parent-death signal set for one never fires early.</summary>
    static class Starter
    {
        static readonly System.Collections.Concurrent.BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Queue = [];

        static Starter()
        {
            var thread = new Thread(() =>
            {
                foreach (var (info, started) in Queue.GetConsumingEnumerable())
                {
                    try
                    {
                        started.SetResult(Process.Start(info)!);
                    }
                    catch (Exception e)
                    {
                        started.SetException(e);
                    }
                }
            })
            { IsBackground = true, Name = "sandbox starter" };
            thread.Start();
        }

        public static Task<Process> StartAsync(ProcessStartInfo info)
        {
            var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            Queue.Add((info, started));
            return started.Task;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    static extern uint Geteuid();
}
