using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Multiprocessing.Tests;

/// <summary>
/// A diagnostics tool's port, as <c>dotnet-trace collect -- app</c> opens one for the app it launches: a runtime given it
/// in <c>DOTNET_DiagnosticPorts</c> connects, announces itself (<c>ADVR_V1</c>, a cookie, its pid), and, in suspend mode,
/// waits before <c>Main</c> for a command to resume. This one never sends it, as a tool that answers only its own app.
/// </summary>
internal sealed class DiagnosticPortListener : IDisposable
{
    readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    readonly List<Socket> _connections = [];
    readonly List<int> _announced = [];
    readonly Thread _accepting;

    public DiagnosticPortListener(string folder)
    {
        Path = System.IO.Path.Combine(folder, "tool.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(16);
        _accepting = new Thread(Accept) { IsBackground = true, Name = "diagnostic port" };
        _accepting.Start();
    }

    /// <summary>The socket's path, for <c>DOTNET_DiagnosticPorts</c>.</summary>
    public string Path { get; }

    /// <summary>The pids of the runtimes that connected and announced themselves.</summary>
    public int[] Announced
    {
        get { lock (_announced) return [.. _announced]; }
    }

    /// <summary>Waits, at most <paramref name="bound"/>, for <paramref name="pid"/> to announce itself.</summary>
    public bool WaitFor(int pid, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        lock (_announced)
            while (!_announced.Contains(pid))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    return false;
                Monitor.Wait(_announced, left);
            }
        return true;
    }

    void Accept()
    {
        try
        {
            while (true)
            {
                var connection = _listener.Accept();
                lock (_connections)
                    _connections.Add(connection); // held open, never answered
                new Thread(() => ReadAdvertisement(connection)) { IsBackground = true }.Start();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    /// <summary>The runtime's first message: "ADVR_V1\0", a 16-byte cookie, its pid (uint64), 2 reserved bytes.</summary>
    void ReadAdvertisement(Socket connection)
    {
        var message = new byte[34];
        try
        {
            int got = 0;
            while (got < message.Length && connection.Receive(message, got, message.Length - got, SocketFlags.None) is var n and > 0)
                got += n;
            if (got < message.Length || Encoding.ASCII.GetString(message, 0, 7) != "ADVR_V1")
                return;
            lock (_announced)
            {
                _announced.Add((int)BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(24)));
                Monitor.PulseAll(_announced);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_connections)
            _connections.ForEach(c => c.Dispose());
        File.Delete(Path);
    }
}
