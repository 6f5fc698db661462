namespace Multiprocessing.Cluster;

/// <summary>
/// A call failed because the silo that held it died or stopped answering: the cluster's equivalent of the process
/// pool's <see cref="BrokenProcessPoolException"/> for a dead worker. The call is not retried (see
/// <see cref="ClusterClient.MapAsync{T, TResult}"/>); the other silos carry on, and a new call runs there.
/// </summary>
public sealed class SiloLostException : Exception
{
    internal SiloLostException(string message, Exception inner) : base(message, inner) { }
}
