using System.Diagnostics;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace Course;

/// <summary>How a notebook run went: the notebook with its new outputs, and the first failure if any.</summary>
/// <param name="Path">The notebook file.</param>
/// <param name="Document">The notebook, with the outputs of every cell that ran.</param>
/// <param name="Failure">The first failing cell, or null when every cell succeeded.</param>
/// <param name="Elapsed">Wall time, including starting the kernel.</param>
public sealed record NotebookRun(string Path, InteractiveDocument Document, CellFailure? Failure, TimeSpan Elapsed)
{
    /// <summary>True when every cell succeeded.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>A cell that failed or timed out.</summary>
/// <param name="Cell">The cell's number, counting every cell from 1 as an editor shows them.</param>
/// <param name="Message">The kernel's error, or the timeout.</param>
public sealed record CellFailure(int Cell, string Message);

/// <summary>Settings for <see cref="NotebookRunner"/>.</summary>
/// <param name="CellTimeout">The longest one cell may run before the run fails.</param>
/// <param name="KernelStartTimeout">The longest the kernel may take to start.</param>
public sealed record RunOptions(TimeSpan CellTimeout, TimeSpan KernelStartTimeout)
{
    /// <summary>Two minutes a cell, and a minute to start the kernel.</summary>
    public static RunOptions Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

    /// <summary>Variables the kernel gets on top of this process's own environment (a null value removes one); none by default.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs the kernel, and all it starts, on this many cores (Linux only, see <see cref="CorePinning"/>); null for every core.</summary>
    public int? Cores { get; init; }
}

/// <summary>
/// Runs a notebook headless in a fresh pinned kernel, cell by cell, with the notebook's folder as the
/// working directory. It stops at the first failing cell and always stops the kernel.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs the notebook at <paramref name="path"/>; <paramref name="progress"/> hears of each cell.</summary>
    public static async Task<NotebookRun> RunAsync(string path, RunOptions options, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var document = NotebookFile.Read(path);
        var cells = document.Elements;
        var codeCells = cells.Count(IsCode);
        using var kernel = await KernelConnection.StartAsync(Path.GetDirectoryName(Path.GetFullPath(path))!, options.KernelStartTimeout, options.Environment, options.Cores);

        var executed = 0;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index];
            cell.Outputs.Clear();
            if (!IsCode(cell))
                continue;
            executed++;
            cell.ExecutionOrder = executed;
            var cellClock = Stopwatch.StartNew();
            var error = await RunCellAsync(kernel, cell, executed, options.CellTimeout);
            progress?.Invoke($"  cell {index + 1} ({executed}/{codeCells} code): {(error is null ? "ok" : "FAILED")} in {cellClock.Elapsed.TotalSeconds:0.0} s");
            if (error is not null)
                return new NotebookRun(path, document, new CellFailure(index + 1, error), clock.Elapsed);
        }
        return new NotebookRun(path, document, null, clock.Elapsed);
    }

    static bool IsCode(InteractiveDocumentElement cell) =>
        !cell.IsMarkdown() && !string.IsNullOrWhiteSpace(cell.Contents);

    /// <returns>The error message, or null when the cell succeeded.</returns>
    static async Task<string?> RunCellAsync(KernelConnection kernel, InteractiveDocumentElement cell, int executionCount, TimeSpan timeout)
    {
        var command = new SubmitCode(cell.Contents, cell.KernelName ?? "csharp");
        var token = command.GetOrCreateToken();
        var outputs = new CellOutputs(executionCount);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await kernel.SendAsync(command);
            while (true)
            {
                var kernelEvent = await kernel.Events.ReadAsync(deadline.Token);
                var eventToken = kernelEvent.Command?.GetOrCreateToken();
                // Only events of this cell's command or of commands it started (their tokens extend ours).
                if (eventToken is null || !(eventToken == token || eventToken.StartsWith(token + ".", StringComparison.Ordinal)))
                    continue;
                outputs.Add(kernelEvent);
                if (eventToken != token)
                    continue;
                if (kernelEvent is CommandSucceeded)
                    return null;
                if (kernelEvent is CommandFailed failed)
                    return failed.Message;
            }
        }
        catch (OperationCanceledException)
        {
            var message = $"The cell did not finish within {timeout.TotalSeconds:0} s, so the run stopped it. " +
                          "Make its work smaller, or raise the limit with --timeout SECONDS.";
            outputs.Elements.Add(CellOutputs.Error(message));
            return message;
        }
        catch (Exception e) when (e is System.Threading.Channels.ChannelClosedException)
        {
            var message = "The kernel exited while the cell ran.\n" + kernel.Log;
            outputs.Elements.Add(CellOutputs.Error(message));
            return message;
        }
        finally
        {
            cell.Outputs.AddRange(outputs.Elements);
        }
    }
}
