using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Course.Tests.Jupyter;

/// <summary>
/// What a running kernel's process tree exposes: TCP listeners beyond Jupyter's own ports on loopback, ports and Unix
/// sockets where the kernel's SignalR hub (<c>/kernelhub/negotiate</c>) answers, and Unix sockets another user can reach.
/// </summary>
internal static class KernelExposure
{
    /// <summary>Every problem found, as sentences; empty when the kernel exposes nothing.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(JupyterDriver kernel, string socketFolderRoot)
    {
        var problems = new List<string>();
        var tree = ProcessTree.Of(kernel.KernelPid);
        var jupyterPorts = new[] { "shell_port", "iopub_port", "stdin_port", "control_port", "hb_port" }
            .Select(key => (int)kernel.Connection[key]!).ToHashSet();

        foreach (var listener in ListeningSockets.Tcp(tree))
        {
            if (!(jupyterPorts.Contains(listener.Port) && listener.Address.Equals(IPAddress.Loopback)))
                problems.Add($"TCP listener {listener} is not one of Jupyter's ports on 127.0.0.1.");
            if (!jupyterPorts.Contains(listener.Port) && await HubAnswersAsync(TcpHandler(listener.Port)))
                problems.Add($"/kernelhub/negotiate answers without authentication on TCP port {listener.Port}.");
        }

        foreach (var listener in ListeningSockets.Unix(tree).Where(l => !l.Path.StartsWith('@')))
        {
            if (CanConnectAsNobody(listener.Path) is { } reached)
                problems.Add($"Another user (nobody) can connect to the Unix socket {listener.Path}: {reached}");
            if (listener.Path.StartsWith(socketFolderRoot, StringComparison.Ordinal))
            {
                var folder = Path.GetDirectoryName(listener.Path)!;
                if (!OperatingSystem.IsLinux())
                    throw new PlatformNotSupportedException("The exposure check reads /proc: it runs on Linux.");
                var mode = File.GetUnixFileMode(folder);
                if (mode != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
                    problems.Add($"The socket folder {folder} has mode {Convert.ToString((int)mode, 8)}, not 700.");
                if (Owner(folder) != Owner(socketFolderRoot))
                    problems.Add($"The socket folder {folder} is owned by uid {Owner(folder)}, not by the user running the kernel.");
            }
        }
        return problems;
    }

    /// <summary>True when the kernel's SignalR hub negotiates through <paramref name="handler"/>.</summary>
    public static async Task<bool> HubAnswersAsync(SocketsHttpHandler handler)
    {
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/kernelhub/negotiate?negotiateVersion=1");
            request.Headers.Add("Origin", "http://evil.example");
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("connectionId", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static SocketsHttpHandler TcpHandler(int port) => new()
    {
        ConnectCallback = async (_, cancel) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancel);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    /// <summary>Connects to the Unix socket at <paramref name="path"/>.</summary>
    public static SocketsHttpHandler UnixHandler(string path) => new()
    {
        ConnectCallback = async (_, cancel) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    /// <summary>Null when user nobody cannot connect to <paramref name="path"/>; otherwise what happened.</summary>
    static string? CanConnectAsNobody(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
            "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n s.connect(sys.argv[1]); print('connected')\nexcept OSError as e:\n print('refused', e)", path])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var probe = Process.Start(start)!;
        var output = probe.StandardOutput.ReadToEndAsync();
        if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            probe.Kill();
            return "the probe hung";
        }
        return output.Result.StartsWith("refused", StringComparison.Ordinal) ? null : output.Result.Trim() + probe.StandardError.ReadToEnd();
    }

    static string Owner(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        var uid = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit(TimeSpan.FromSeconds(5));
        return uid;
    }
}
