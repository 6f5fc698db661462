namespace Multiprocessing.Wire;

/// <summary>How a worker process lives: one call for a <see cref="ChildProcess"/>, or calls until told to stop for a pool.</summary>
internal enum WorkerMode
{
    Child,
    Pool,
}
