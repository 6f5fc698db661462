namespace Multiprocessing;

/// <summary>
/// A worker process died (Environment.Exit, FailFast, stack overflow, a kill) while running a task,
/// or the pool could not start its workers. Like <c>concurrent.futures.process.BrokenProcessPool</c>.
/// </summary>
public sealed class BrokenProcessPoolException : Exception
{
    internal BrokenProcessPoolException(string message, int? pid = null, int? exitCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Pid = pid;
        ExitCode = exitCode;
    }

    /// <summary>The worker that died, when one did.</summary>
    public int? Pid { get; }

    /// <summary>Its exit code: 128 + N when killed by signal N (134 abort, 137 SIGKILL).</summary>
    public int? ExitCode { get; }
}
