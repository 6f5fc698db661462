using System.Diagnostics;
using System.Net;

namespace Course.Tests;

/// <summary>
/// This machine's network addresses, as <c>ip -o addr</c> lists them, and a check that no saved notebook names one. Loopback
/// (127.0.0.0/8, ::1) is left out: it is the same on every machine and tells nothing about this one.
/// </summary>
internal static class MachineAddresses
{
    static readonly Lazy<IReadOnlyList<string>> All = new(Read);

    /// <summary>Every address but loopback, as <c>ip</c> writes it (no prefix length, no zone).</summary>
    public static IReadOnlyList<string> NotLoopback => All.Value;

    /// <summary>The HTML the pinned kernel's HTTP API bootstrap writes, which lists the machine's addresses.</summary>
    public static readonly string[] BootstrapMarkers = ["probeAddresses", "dotnet-interactive-this-cell"];

    /// <summary>Fails naming the address (or the bootstrap) and the text around it, when <paramref name="saved"/> holds one.</summary>
    public static void AssertNoneIn(string saved, string what)
    {
        foreach (var marker in BootstrapMarkers)
            Assert.False(saved.Contains(marker, StringComparison.Ordinal), $"{what} holds the kernel's HTTP API bootstrap ({marker}).");
        foreach (var address in NotLoopback)
        {
            var at = saved.IndexOf(address, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"{what} holds this machine's address {address}: …{saved.Substring(Math.Max(0, at - 80), Math.Min(saved.Length - Math.Max(0, at - 80), 200))}…");
        }
    }

    static IReadOnlyList<string> Read()
    {
        var start = new ProcessStartInfo("ip", ["-o", "addr"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var ip = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'ip': install iproute2.");
        var output = ip.StandardOutput.ReadToEnd();
        if (!ip.WaitForExit(TimeSpan.FromSeconds(10)) || ip.ExitCode != 0)
            throw new InvalidOperationException($"'ip -o addr' failed: {ip.StandardError.ReadToEnd()}");
        // "4: eth0    inet6 fe80::fc:ff:fe00:1/64 scope link ..."
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 3 && f[2] is "inet" or "inet6")
            .Select(f => f[3].Split('/')[0].Split('%')[0])
            .Where(address => IPAddress.TryParse(address, out var parsed) && !IPAddress.IsLoopback(parsed))
            .Distinct()
            .ToArray();
    }
}
