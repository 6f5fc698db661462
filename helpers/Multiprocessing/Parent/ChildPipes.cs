using System.IO.Pipes;

namespace Multiprocessing.Parent;

/// <summary>
/// The parent's ends of the two pipes it talks to a child over: commands to the child, and frames (or a silo's one
/// line, ready or failed) from it. They are the child's own, not its stdin and stdout, so nothing else writes to them:
/// not a startup hook or a native library printing before or after <c>Main</c>, not user code reading stdin, not a
/// process the child starts. The child is told their numbers with <c>--channel READ,WRITE</c>.
/// </summary>
/// <remarks>
/// Created on the starter thread right before the child starts: the child's ends are inheritable (every other handle
/// .NET opens is close-on-exec), and are closed here as soon as the child has them, so a process started meanwhile by
/// another thread could inherit them only in that moment, and the child's end of the pipe back then stays open until
/// that process also exits (the parent then learns of the child's end from its exit, as for a grandchild holding the pipe).
/// Windows: anonymous pipe handles are inheritable there too, and .NET starts children with handle inheritance on, so
/// the same numbers (handle values) work; the child makes its ends non-inheritable as it starts.
/// </remarks>
internal sealed class ChildPipes : IDisposable
{
    readonly AnonymousPipeServerStream _toChild = new(PipeDirection.Out, HandleInheritability.Inheritable);
    readonly AnonymousPipeServerStream _fromChild = new(PipeDirection.In, HandleInheritability.Inheritable);

    /// <summary>Commands to the child; closing it tells the child that its parent is gone.</summary>
    public Stream ToChild => _toChild;

    /// <summary>What the child sends back; it ends when the child (and anything that inherited its end) has exited.</summary>
    public Stream FromChild => _fromChild;

    /// <summary>The child's arguments for these pipes: <c>--channel READ,WRITE</c>, its read end and its write end.</summary>
    public string[] Arguments => ["--channel", $"{_toChild.GetClientHandleAsString()},{_fromChild.GetClientHandleAsString()}"];

    /// <summary>Closes this process's copies of the child's ends once the child has started, so that only the child holds them.</summary>
    public void CloseChildEnds()
    {
        _toChild.DisposeLocalCopyOfClientHandle();
        _fromChild.DisposeLocalCopyOfClientHandle();
    }

    /// <summary>Closes both pipes.</summary>
    public void Dispose()
    {
        try { _toChild.Dispose(); } catch (IOException) { } // a child that died leaves unflushed writes nowhere to go
        _fromChild.Dispose();
    }
}
