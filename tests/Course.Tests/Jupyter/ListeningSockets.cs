using System.Globalization;
using System.Net;

namespace Course.Tests.Jupyter;

/// <summary>A TCP listener: its address, its port and the process that holds it.</summary>
internal sealed record TcpListener(IPAddress Address, int Port, int Pid)
{
    public override string ToString() => $"{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address)}:{Port} (pid {Pid})";
}

/// <summary>A listening Unix socket: its path (or <c>@name</c> in the abstract namespace) and the process that holds it.</summary>
internal sealed record UnixListener(string Path, int Pid);

/// <summary>The listening sockets a set of processes holds, read from <c>/proc</c> as <c>ss -ltnp</c> and <c>ss -lxp</c> do.</summary>
internal static class ListeningSockets
{
    /// <summary>Every TCP listener (IPv4 and IPv6) held by one of <paramref name="pids"/>.</summary>
    public static IReadOnlyList<TcpListener> Tcp(IReadOnlySet<int> pids)
    {
        var owners = SocketOwners(pids);
        var listeners = new List<TcpListener>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address rem_address st … inode; state 0A is LISTEN.
                if (f[3] != "0A" || !owners.TryGetValue(f[9], out var pid))
                    continue;
                var (address, port) = ParseEndpoint(f[1]);
                listeners.Add(new TcpListener(address, port, pid));
            }
        return listeners;
    }

    /// <summary>Every listening Unix socket held by one of <paramref name="pids"/>.</summary>
    public static IReadOnlyList<UnixListener> Unix(IReadOnlySet<int> pids)
    {
        var owners = SocketOwners(pids);
        var listeners = new List<UnixListener>();
        foreach (var line in File.ReadLines("/proc/net/unix").Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Num RefCount Protocol Flags Type St Inode Path; flag 00010000 is __SO_ACCEPTCON, a listener.
            if (f.Length < 8 || (int.Parse(f[3], NumberStyles.HexNumber) & 0x10000) == 0 || !owners.TryGetValue(f[6], out var pid))
                continue;
            listeners.Add(new UnixListener(f[7], pid));
        }
        return listeners;
    }

    /// <summary>Socket inodes to the process holding them, from each process's open file descriptors.</summary>
    static Dictionary<string, int> SocketOwners(IReadOnlySet<int> pids)
    {
        var owners = new Dictionary<string, int>();
        foreach (var pid in pids)
        {
            IEnumerable<string> fds;
            try { fds = Directory.EnumerateFiles($"/proc/{pid}/fd").ToArray(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var fd in fds)
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                        owners.TryAdd(target[8..^1], pid);
                }
                catch (IOException) { } // the descriptor closed while we looked
            }
        }
        return owners;
    }

    /// <summary>"0100007F:1F40" (IPv4) or 32 hex digits (IPv6), each 32-bit word in host (little-endian) order.</summary>
    static (IPAddress, int) ParseEndpoint(string text)
    {
        var (hex, portHex) = (text[..text.IndexOf(':')], text[(text.IndexOf(':') + 1)..]);
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
            Array.Reverse(bytes, word, 4);
        return (new IPAddress(bytes), int.Parse(portHex, NumberStyles.HexNumber));
    }
}
