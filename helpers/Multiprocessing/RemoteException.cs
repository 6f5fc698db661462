namespace Multiprocessing;

/// <summary>
/// An exception raised inside a worker process and raised again in the parent, like Python's
/// <c>RemoteTraceback</c>: it carries the child's exception type, message and full stack trace.
/// </summary>
public sealed class RemoteException : Exception
{
    internal RemoteException(string type, string message, string remoteStackTrace, int? pid)
        : base($"{type}: {message}")
    {
        RemoteType = type;
        RemoteMessage = message;
        RemoteStackTrace = remoteStackTrace;
        Pid = pid;
    }

    /// <summary>The full name of the exception's type in the child, e.g. <c>System.DivideByZeroException</c>.</summary>
    public string RemoteType { get; }

    /// <summary>The exception's message in the child.</summary>
    public string RemoteMessage { get; }

    /// <summary>The child's exception with its stack trace, as <c>Exception.ToString()</c> printed it there.</summary>
    public string RemoteStackTrace { get; }

    /// <summary>The process id of the worker that raised it.</summary>
    public int? Pid { get; }

    /// <summary>This exception followed by the child's, so nothing is lost when it is printed.</summary>
    public override string ToString() =>
        $"{base.ToString()}{Environment.NewLine}--- Remote exception in process {Pid} ---{Environment.NewLine}{RemoteStackTrace}";
}
