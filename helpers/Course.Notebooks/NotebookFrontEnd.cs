using System.Reflection;
using Multiprocessing.Hosting;

namespace Course.Notebooks;

/// <summary>
/// The notebook as the library's front end: progress as one output line that updates in place (<see cref="LiveProgress"/>),
/// worker output in the cell that asked for it, or marked as late (<see cref="LateOutput"/>), and cells written to disk for
/// child processes (<see cref="CellFileWriter"/>). <see cref="NotebookSetup"/> sets it, once per kernel.
/// </summary>
internal sealed class NotebookFrontEnd(CellFileWriter cells) : IFrontEnd
{
    public IProgressDisplay StartProgress(string status) => new LiveProgress(status);

    public void WriteWorkerOutput(string text, bool isError, ExecutionContext? origin) => LateOutput.Route(text, isError, origin);

    public string? LocateAssembly(Assembly assembly) => cells.Locate(assembly);
}
