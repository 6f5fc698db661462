using System.CommandLine;
using Course.Jupyter;

namespace Course.Commands;

/// <summary><c>kernel CONNECTION_FILE</c>: what the kernelspec runs; Jupyter starts it, not people.</summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Argument<FileInfo>("CONNECTION_FILE") { Description = "the connection file Jupyter writes for the kernel" };
        connectionFile.AcceptExistingOnly();
        var command = new Command("kernel", "runs the pinned kernel for Jupyter, with its HTTP API on a private Unix socket (the kernelspec's command)")
        {
            connectionFile,
        };
        command.SetAction(parsed => KernelLauncher.RunAsync(parsed.GetValue(connectionFile)!.FullName));
        return command;
    }
}
