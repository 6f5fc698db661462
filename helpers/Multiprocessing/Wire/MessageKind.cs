namespace Multiprocessing.Wire;

/// <summary>
/// The kind byte of every frame between a parent and a worker; this comment is the protocol's one description.
/// <para>
/// <b>Frame</b> (<see cref="Frame"/>): a 4-byte payload length (int32, little-endian, not counting these 5 bytes),
/// the kind byte, then the payload, on the two pipes the parent made for the worker (<see cref="Parent.ChildPipes"/>, passed
/// as <c>--channel</c>): the parent writes to one and reads the other. The worker's stdin is empty (at its end), and its
/// stdout and stderr are plain text, which the parent copies line by line.
/// </para>
/// <para>
/// <b>Payloads.</b> Integers are little-endian. A <i>string</i> is <see cref="BinaryWriter.Write(string)"/>'s form
/// (a 7-bit encoded byte length, then UTF-8). A <i>function</i> (<see cref="Binary.WriteFunction"/>) is a bool
/// "present" and, when true: string assembly path, int32 metadata token, string display name, bool needs-lambda-instance,
/// int32 n then n strings (generic arguments), int32 m then m (string name, string path) pairs (dependencies).
/// <i>JSON</i> runs to the end of the frame, in UTF-8.
/// </para>
/// <list type="table">
///   <listheader><term>kind</term><description>direction: payload</description></listheader>
///   <item><term>Setup (1)</term><description>parent → worker, once, first: int32 n, n (string name, string path) assemblies, then the initializer as a function (<see cref="SetupMessage"/>).</description></item>
///   <item><term>Call (2)</term><description>parent → worker: int64 task id, int32 function id, the function (present only the first time this worker sees that id), then a JSON array of argument arrays (<see cref="CallMessage"/>).</description></item>
///   <item><term>Stop (3)</term><description>parent → worker: empty; the worker exits after the calls before it.</description></item>
///   <item><term>Revoke (4)</term><description>parent → worker: int64 task id of a call sent ahead. If the call is still queued (not started), the worker removes it and answers Revoked at once, even while it runs the task before; otherwise the call's result comes as usual.</description></item>
///   <item><term>Started (16)</term><description>worker → parent, once, first: empty; the worker's <c>Main</c> runs and has its pipes. The parent's start deadline ends here.</description></item>
///   <item><term>Ready (10)</term><description>worker → parent, once: empty; the set-up and initializer succeeded.</description></item>
///   <item><term>Result (11)</term><description>worker → parent: int64 task id, then a JSON array of results in input order (<see cref="ResultMessage"/>).</description></item>
///   <item><term>Error (12)</term><description>worker → parent: int64 task id, string exception type, string message, string full trace (<see cref="ErrorMessage"/>).</description></item>
///   <item><term>Output (13)</term><description>worker → parent: UTF-8 text the worker wrote to <see cref="Console.Out"/>, whole lines.</description></item>
///   <item><term>SetupFailed (14)</term><description>worker → parent, instead of Ready: an Error payload with task id 0; the initializer or set-up threw.</description></item>
///   <item><term>Revoked (15)</term><description>worker → parent: int64 task id of a revoked call, which did not run and will not; it may come before the result of the task running.</description></item>
/// </list>
/// </summary>
internal enum MessageKind : byte
{
    // Parent to worker.
    Setup = 1,
    Call = 2,
    Stop = 3,
    Revoke = 4,

    // Worker to parent.
    Ready = 10,
    Result = 11,
    Error = 12,
    Output = 13,
    SetupFailed = 14,
    Revoked = 15,
    Started = 16,
}
