using System.Text.Json.Serialization;

namespace Multiprocessing.Sync;

/// <summary>
/// How a queue, pipe end, event, semaphore or barrier travels to another process: by the name of its shared memory,
/// never by content, e.g. <c>{"sharedMemory": "/dev/shm/dotnet-mp-…", "bytes": 1052992, "kind": "Queue"}</c>. The
/// property name is the one <see cref="SharedArray{T}"/> uses, so a pool knows the JSON carries shared memory and does
/// not open it a second time to check it.
/// </summary>
/// <param name="Name">The file (Unix) or map name (Windows) to open.</param>
/// <param name="Bytes">The block's size, checked on opening.</param>
/// <param name="Kind">What the block holds (<see cref="SyncKind"/>).</param>
/// <param name="End">For a pipe, which of its two connections: 0 or 1.</param>
/// <param name="From">For a pipe end or a queue, the identity token (<see cref="Platform.ProcessIdentity"/>) of the process that sent it, which counts it as open until the receiver opens it.</param>
internal sealed record SyncHandle(
    [property: JsonPropertyName("sharedMemory")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("end")] int End = 0,
    [property: JsonPropertyName("from")] int From = 0);
