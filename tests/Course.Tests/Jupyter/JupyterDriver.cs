using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Course.Tests.Jupyter;

/// <summary>
/// One kernel driven by Debian's real Jupyter client (<c>jupyter_driver.py</c> on <c>/usr/bin/python3</c>), with the
/// kernelspecs and runtime folder of <paramref name="home"/>. Every answer is awaited with a bound; disposing it kills
/// the client and whatever kernel it left.
/// </summary>
internal sealed class JupyterDriver : IDisposable
{
    const string Python = "/usr/bin/python3";
    readonly Process _python;
    int _kernelPid;

    JupyterDriver(Process python) => _python = python;

    /// <summary>The kernel's process, as Jupyter started it (the kernelspec's argv[0]).</summary>
    public int KernelPid => _kernelPid;

    /// <summary>The connection file Jupyter wrote for the kernel.</summary>
    public JsonObject Connection { get; private set; } = new();

    /// <summary>Starts the client; nothing runs until a command is sent.</summary>
    public static JupyterDriver Open(JupyterHome home)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing: install Debian's Jupyter client (apt-get install -y python3-jupyter-client python3-nbclient), as .ci/run does.");
        var start = new ProcessStartInfo(Python, [Path.Combine(Samples.Root, "tests", "Course.Tests", "Jupyter", "jupyter_driver.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home.Root,
        };
        foreach (var (name, value) in home.Environment)
            start.Environment[name] = value;
        var python = Process.Start(start)!;
        python.ErrorDataReceived += (_, e) => { if (e.Data is { } line) home.Log(line); };
        python.BeginErrorReadLine();
        return new JupyterDriver(python);
    }

    /// <summary>Starts the kernelspec <paramref name="name"/> and waits until the kernel answers.</summary>
    public async Task StartAsync(string name = ".net-csharp")
    {
        var ready = await SendAsync($"start {name}", TimeSpan.FromSeconds(90));
        _kernelPid = (int)ready["pid"]!;
        Connection = ready["connection"]!.AsObject();
    }

    /// <summary>Runs <paramref name="code"/> in the kernel; the reply's status and everything it printed or showed.</summary>
    public async Task<(string Status, string Text)> ExecuteAsync(string code, int seconds = 60)
    {
        var reply = await SendAsync($"exec {seconds} {code.Replace("\n", "\\n")}", TimeSpan.FromSeconds(seconds + 10));
        return ((string)reply["status"]!, (string)reply["text"]!);
    }

    /// <summary>
    /// Sends <paramref name="code"/> to run, and returns once it has printed something (so it surely runs, not still
    /// compiling), without waiting for its end; <see cref="ReplyAsync"/> waits for its reply. The code must print first.
    /// </summary>
    public Task SubmitAsync(string code) => SendAsync($"submit {code.Replace("\n", "\\n")}", TimeSpan.FromSeconds(70));

    /// <summary>Waits up to <paramref name="seconds"/> for the reply to what was submitted: its status, and the error's name and value.</summary>
    public async Task<(string Status, string Text)> ReplyAsync(int seconds)
    {
        var reply = await SendAsync($"reply {seconds}", TimeSpan.FromSeconds(seconds + 10));
        return ((string)reply["status"]!, (string)reply["text"]!);
    }

    /// <summary>Jupyter's interrupt: SIGINT to the kernel's process group.</summary>
    public Task InterruptAsync() => SendAsync("interrupt", TimeSpan.FromSeconds(40));

    /// <summary>Waits up to <paramref name="seconds"/> for the kernel's process to end; its exit code, or null if it runs on.</summary>
    public async Task<int?> WaitForExitAsync(int seconds)
    {
        var reply = await SendAsync($"wait-dead {seconds}", TimeSpan.FromSeconds(seconds + 10));
        return (bool)reply["alive"]! ? null : (int?)reply["exit_code"];
    }

    /// <summary>Jupyter's shutdown: a shutdown request, then a kill if the kernel does not end in time.</summary>
    public Task ShutdownAsync() => SendAsync("shutdown", TimeSpan.FromSeconds(30));

    /// <summary>Executes the notebook <paramref name="source"/> with nbclient into <paramref name="target"/>; the first cell error, or null.</summary>
    public async Task<string?> RunNotebookAsync(string source, string target, int cellSeconds = 120)
    {
        var reply = await SendAsync($"run {cellSeconds} {source} {target}", TimeSpan.FromMinutes(5));
        return (string?)reply["error"];
    }

    async Task<JsonObject> SendAsync(string command, TimeSpan timeout)
    {
        await _python.StandardInput.WriteLineAsync(command);
        await _python.StandardInput.FlushAsync();
        using var cancel = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            // The kernel shares the client's stdout and logs there; the client's answers are the JSON lines.
            do line = await _python.StandardOutput.ReadLineAsync(cancel.Token);
            while (line is not null && !line.StartsWith('{'));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The Jupyter client did not answer '{command.Split(' ')[0]}' within {timeout.TotalSeconds:0} s.");
        }
        var answer = JsonNode.Parse(line ?? throw new InvalidOperationException($"The Jupyter client exited during '{command.Split(' ')[0]}'."))!.AsObject();
        if (answer["failed"] is { } failed)
            throw new InvalidOperationException($"'{command.Split(' ')[0]}' failed in the Jupyter client:\n{failed}");
        return answer;
    }

    public void Dispose()
    {
        _python.StandardInput.Close(); // the client ends at EOF
        if (!_python.WaitForExit(TimeSpan.FromSeconds(10)))
            _python.Kill(entireProcessTree: true);
        if (_kernelPid != 0)
            ProcessTree.KillAll(_kernelPid);
        _python.Dispose();
    }
}
