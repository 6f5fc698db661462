namespace Multiprocessing.Cluster.Grains;

/// <summary>How a call ended in the silo.</summary>
public enum CallStatus
{
    /// <summary>The payload holds the results, as a process pool's worker writes them.</summary>
    Done,
    /// <summary>The function raised: the payload holds its exception's type, message and trace.</summary>
    Failed,
    /// <summary>The silo has not seen the function: send the call again with its definition.</summary>
    NeedDefinition,
}

/// <summary>A silo's answer to <see cref="IFunctionWorker.Run"/>, with the process that ran the call.</summary>
/// <param name="Status">How the call ended.</param>
/// <param name="Payload">Results or error, in the process pool's wire format; empty for <see cref="CallStatus.NeedDefinition"/>.</param>
/// <param name="Pid">The silo's process id.</param>
/// <param name="Silo">The silo's address, as Orleans names it (e.g. <c>S127.0.0.1:30001:…</c>).</param>
[GenerateSerializer, Immutable]
public sealed record CallReply(
    [property: Id(0)] CallStatus Status,
    [property: Id(1)] byte[] Payload,
    [property: Id(2)] int Pid,
    [property: Id(3)] string Silo);
