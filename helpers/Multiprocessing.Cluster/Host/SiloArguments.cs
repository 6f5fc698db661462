namespace Multiprocessing.Cluster.Host;

/// <summary>What a silo process is started with: <c>--index 1 --silo-port P --gateway-port G [--primary-port P0] --cluster-id ID --parent PID</c>.</summary>
internal sealed record SiloArguments(int Index, int SiloPort, int GatewayPort, int? PrimaryPort, string ClusterId, int Parent)
{
    public IEnumerable<string> ToArgs()
    {
        yield return "--index"; yield return Index.ToString();
        yield return "--silo-port"; yield return SiloPort.ToString();
        yield return "--gateway-port"; yield return GatewayPort.ToString();
        if (PrimaryPort is { } primary)
        {
            yield return "--primary-port"; yield return primary.ToString();
        }
        yield return "--cluster-id"; yield return ClusterId;
        yield return "--parent"; yield return Parent.ToString();
    }

    public static SiloArguments Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        string Required(string name) => Value(name)
            ?? throw new ArgumentException($"A silo needs {name}; it is started by LocalCluster.StartAsync, not by hand.");
        return new SiloArguments(
            int.Parse(Required("--index")), int.Parse(Required("--silo-port")), int.Parse(Required("--gateway-port")),
            Value("--primary-port") is { } primary ? int.Parse(primary) : null, Required("--cluster-id"), int.Parse(Required("--parent")));
    }
}
