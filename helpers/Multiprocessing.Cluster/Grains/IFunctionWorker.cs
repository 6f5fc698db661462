namespace Multiprocessing.Cluster.Grains;

/// <summary>
/// The grain a <see cref="ClusterClient"/> sends work to: a stateless worker, so each silo runs as many
/// activations as it has cores, and Orleans chooses the silo. Plumbing: call <see cref="ClusterClient"/> instead.
/// </summary>
public interface IFunctionWorker : IGrainWithIntegerKey
{
    /// <summary>
    /// Runs the function <paramref name="functionKey"/> names on each argument list in <paramref name="items"/>.
    /// A silo that has not seen the function yet answers <see cref="CallStatus.NeedDefinition"/> until it is sent
    /// <paramref name="definition"/>, so a function's assemblies travel once per silo, not once per call.
    /// </summary>
    /// <param name="functionKey">A hash of the definition.</param>
    /// <param name="definition">The function reference and its assembly images, or null.</param>
    /// <param name="items">A JSON array of argument lists, as a process pool sends them to a worker.</param>
    Task<CallReply> Run(string functionKey, byte[]? definition, byte[] items);
}
