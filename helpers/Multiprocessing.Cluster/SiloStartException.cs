namespace Multiprocessing.Cluster;

/// <summary>A silo process could not start, or did not report ready in time; the message names its ports and the cause.</summary>
public sealed class SiloStartException : Exception
{
    internal SiloStartException(string message, int silo, int siloPort, int gatewayPort, Exception? inner = null) : base(message, inner)
    {
        Silo = silo;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>The silo's index in the cluster, from 0.</summary>
    public int Silo { get; }

    /// <summary>The port it was to listen on for other silos, on 127.0.0.1.</summary>
    public int SiloPort { get; }

    /// <summary>The port it was to listen on for clients, on 127.0.0.1.</summary>
    public int GatewayPort { get; }
}
