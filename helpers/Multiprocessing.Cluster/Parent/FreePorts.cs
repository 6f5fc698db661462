using System.Net;
using System.Net.Sockets;

namespace Multiprocessing.Cluster.Parent;

/// <summary>Free TCP ports on loopback, found by letting the system choose, as a listener on port 0 does.</summary>
internal static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct free ports. They are free when returned; another program could take one before
    /// a silo binds it, and that silo then fails to start with an error naming the port.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (int i = 0; i < count; i++) // all held open at once, so no port is handed out twice
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
