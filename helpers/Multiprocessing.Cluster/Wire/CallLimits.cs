using Multiprocessing.Wire;

namespace Multiprocessing.Cluster.Wire;

/// <summary>
/// How large one call may be, set once for the client and every silo. A call carries a chunk's arguments, at most the
/// pool's 256 MiB of JSON (refused while it is written, naming the argument), and, the first time a silo meets the
/// function, the function's definition (its assemblies' images); a reply carries the chunk's results, at most 256 MiB
/// (refused in the silo the same way, naming the result). Orleans's own limit on one message's body is 100 MB by default:
/// a call or reply between the two was dropped and failed only at the call timeout, blaming the timeout. So both sides
/// raise Orleans's limit to the pool's plus room for a definition, and the client refuses a call that still would not fit
/// before sending it.
/// </summary>
internal static class CallLimits
{
    /// <summary>Room beside a chunk's arguments for the function's definition, and for the rest of the message.</summary>
    const int DefinitionRoom = 64 << 20;

    /// <summary>Orleans's <c>MaxMessageBodySize</c> on the client and on every silo: the pool's limit plus 64 MiB.</summary>
    public const int MessageBody = LimitedBuffer.Limit + DefinitionRoom;

    /// <summary>What the grain call adds to its two byte arrays (the function's key, Orleans's own fields), at most.</summary>
    const int Envelope = 1 << 20;

    /// <summary>Refuses, before it is sent, a call whose arguments and definition together would not fit in one message.</summary>
    /// <exception cref="ArgumentException">Throws with both sizes, the limit and the fix.</exception>
    public static void Check(byte[] items, byte[]? definition)
    {
        long bytes = (long)items.Length + (definition?.Length ?? 0) + Envelope;
        if (bytes <= MessageBody)
            return;
        throw new ArgumentException(
            $"A call of {items.Length:N0} bytes of arguments (JSON) and {definition?.Length ?? 0:N0} bytes of the function's assemblies " +
            $"is over the {MessageBody:N0}-byte limit of one message to a silo. Send fewer or smaller arguments per call " +
            "(a smaller chunksize), or move the function to a smaller assembly.");
    }
}
