using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Multiprocessing.Hosting;

namespace Course.Notebooks;

/// <summary>
/// The pinned kernel drops console writes made under a cell that has completed, so output a worker or child writes after
/// its cell ended (a child still running, a result read in a later cell, a task longer than its cell) would be lost.
/// <see cref="Route"/> (the notebook front end's worker output) writes output in its own cell while that cell runs, as
/// the library does by default; later output goes to the cell running now, each line marked as late; with no cell running, it waits and
/// opens the next cell. Nothing is dropped, and each worker's lines keep their order.
/// </summary>
internal static class LateOutput
{
    const string Mark = "(late, from an earlier cell) ";

    static readonly object Gate = new();
    static readonly List<(string Text, bool IsError)> Waiting = [];
    static KernelInvocationContext? _running;

    /// <summary>Tracks the cell that runs, for <see cref="Route"/>; once per kernel.</summary>
    public static void Install(Kernel kernel)
    {
        kernel.AddMiddleware(async (command, context, next) =>
        {
            if (command is not SubmitCode)
            {
                await next(command, context);
                return;
            }
            List<(string, bool)> waiting;
            lock (Gate)
            {
                _running = context;
                waiting = [.. Waiting];
                Waiting.Clear();
            }
            foreach (var (text, isError) in waiting)
                Publish(context, text, isError);
            try
            {
                await next(command, context);
            }
            finally
            {
                lock (Gate)
                    if (_running == context)
                        _running = null;
            }
        }, "Multiprocessing late output");
    }

    /// <summary>
    /// The decision and the delivery happen under the gate that the middleware takes before its cell ends, so no output
    /// falls between "its cell still runs" and "its cell has ended" (the kernel stops routing a cell's Console a moment
    /// before it marks the cell complete, so asking the kernel would leave a window where output is dropped).
    /// </summary>
    public static void Route(string text, bool isError, ExecutionContext? origin)
    {
        text = SourcePaths.Relative(text);
        KernelInvocationContext? cell = null;
        if (origin is not null)
            ExecutionContext.Run(origin, _ => cell = KernelInvocationContext.Current, null);
        if (cell is null)
        {
            ConsoleFrontEnd.WriteToConsole(text, isError, origin); // not started from a cell
            return;
        }
        lock (Gate)
        {
            if (_running is { } now && (ReferenceEquals(now, cell) || ReferenceEquals(now.Command, cell.Command)))
                Publish(now, text, isError); // its own cell, still running
            else
            {
                var late = string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : Mark + line));
                if (_running is { } running)
                    Publish(running, late, isError);
                else
                    Waiting.Add((late, isError));
            }
        }
    }

    static void Publish(KernelInvocationContext cell, string text, bool isError)
    {
        FormattedValue[] values = [new("text/plain", text)];
        cell.Publish(isError ? new StandardErrorValueProduced(cell.Command, values) : new StandardOutputValueProduced(cell.Command, values));
    }
}
