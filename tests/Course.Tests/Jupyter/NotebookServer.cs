using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Course.Tests.Jupyter;

/// <summary>
/// Debian's classic Jupyter Notebook (<c>jupyter-notebook</c>, 6.4) serving a folder on 127.0.0.1, with the course's
/// kernelspec from a <see cref="JupyterHome"/>, and a token. Disposing it kills the server with every kernel it started.
/// </summary>
internal sealed class NotebookServer : IDisposable
{
    const string Executable = "/usr/bin/jupyter-notebook";
    readonly Process _server;

    NotebookServer(Process server, string folder, int port, string token) => (_server, Folder, Port, Token) = (server, folder, port, token);

    /// <summary>The folder it serves.</summary>
    public string Folder { get; }

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The token a browser passes once, in the first URL.</summary>
    public string Token { get; }

    /// <summary>The page of the notebook <paramref name="name"/> in <see cref="Folder"/>, with the token.</summary>
    public string PageOf(string name) => $"http://127.0.0.1:{Port}/notebooks/{Uri.EscapeDataString(name)}?token={Token}";

    /// <summary>Starts the server on a free port and waits, at most a minute, until it answers.</summary>
    public static async Task<NotebookServer> StartAsync(JupyterHome home, string folder)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's classic Notebook (apt-get install -y jupyter-notebook), as tests/run does.");
        var port = FreePort();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var start = new ProcessStartInfo(Executable,
            ["--no-browser", "--allow-root", "--ip=127.0.0.1", $"--port={port}", "--NotebookApp.port_retries=0", $"--NotebookApp.token={token}",
             $"--notebook-dir={folder}", "--NotebookApp.disable_check_xsrf=False"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var (name, value) in home.Environment)
            start.Environment[name] = value;
        var server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => { if (e.Data is { } line) home.Log(line); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) home.Log(line); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var running = new NotebookServer(server, folder, port, token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
                throw new InvalidOperationException($"jupyter-notebook exited with {server.ExitCode}:\n{home.LogTail}");
            try
            {
                using var status = await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}");
                if (status.StatusCode == HttpStatusCode.OK)
                    return running;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                running.Dispose();
                throw new TimeoutException($"jupyter-notebook did not answer on 127.0.0.1:{port} within a minute:\n{home.LogTail}");
            }
            await Task.Delay(200);
        }
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server and every process below it (its kernels, their workers).</summary>
    public void Dispose()
    {
        ProcessTree.KillAll(_server.Id);
        _server.WaitForExit(TimeSpan.FromSeconds(10));
        _server.Dispose();
    }
}
