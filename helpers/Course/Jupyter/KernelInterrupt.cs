using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;

namespace Course.Jupyter;

/// <summary>
/// Jupyter's interrupt, made into the kernel's own <c>Cancel</c> command: the one Polyglot Notebooks' stop button sends.
/// It goes through the kernel's SignalR hub on the launcher's private Unix socket, so the running cell ends and the
/// kernel, with its variables, lives on.
/// </summary>
internal static class KernelInterrupt
{
    const char RecordSeparator = '\u001e'; // ends every SignalR JSON message

    /// <summary>Sends <c>Cancel</c> to the kernel whose HTTP API listens on <paramref name="socket"/>.</summary>
    /// <exception cref="WebSocketException">Throws when the hub does not accept the connection.</exception>
    /// <exception cref="OperationCanceledException">Throws when the hub does not answer within <paramref name="timeout"/>.</exception>
    public static async Task CancelAsync(string socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(unix, ownsSocket: true);
            },
        };
        using var hub = new ClientWebSocket();
        // WebSockets need no negotiate round trip (SignalR's skipNegotiation).
        await hub.ConnectAsync(new Uri("ws://localhost/kernelhub"), new HttpMessageInvoker(handler), cancel.Token);
        await SendAsync(hub, """{"protocol":"json","version":1}""", cancel.Token);
        await ReceiveAsync(hub, cancel.Token); // the handshake's answer: {}
        var envelope = KernelCommandEnvelope.Serialize(new Cancel());
        var invocation = JsonSerializer.Serialize(new { type = 1, target = "SubmitCommand", arguments = new[] { envelope } });
        await SendAsync(hub, invocation, cancel.Token);
        try
        {
            await hub.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "interrupted", cancel.Token);
        }
        catch (WebSocketException)
        {
            // The command was sent; a hub that drops the connection first has not lost it.
        }
    }

    static Task SendAsync(ClientWebSocket hub, string message, CancellationToken cancel) =>
        hub.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, cancel);

    static async Task ReceiveAsync(ClientWebSocket hub, CancellationToken cancel)
    {
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do result = await hub.ReceiveAsync(buffer, cancel);
        while (!result.EndOfMessage);
    }
}
