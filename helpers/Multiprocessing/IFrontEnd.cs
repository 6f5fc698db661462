using System.Reflection;

namespace Multiprocessing.Hosting;

/// <summary>
/// What a front end (a notebook kernel, a terminal app) does for the library: show a measurement's progress, write a
/// worker's output where the work was asked for, and find a file for an assembly compiled in memory. Set one with
/// <see cref="FrontEnd.Use"/>; without one, <see cref="ConsoleFrontEnd"/> does each duty on the plain console.
/// Derive from <see cref="ConsoleFrontEnd"/> to take over only some duties.
/// </summary>
public interface IFrontEnd
{
    /// <summary>Starts showing a measurement's progress; the measurement updates it and disposes it when it ends.</summary>
    /// <param name="status">The first status, such as "Measuring squares…".</param>
    /// <returns>The display, which the caller disposes.</returns>
    IProgressDisplay StartProgress(string status);

    /// <summary>
    /// Writes one piece of a worker's or child's console output. Called on a reader thread, in the order the worker wrote
    /// it. An exception it throws is caught, and the text goes to <see cref="ConsoleFrontEnd"/>'s writer instead.
    /// </summary>
    /// <param name="text">Whole lines, with their line ends.</param>
    /// <param name="isError">True for the child's standard error.</param>
    /// <param name="origin">The execution context of the call that started the work, or null when unknown.</param>
    void WriteWorkerOutput(string text, bool isError, ExecutionContext? origin);

    /// <summary>
    /// Finds a file holding <paramref name="assembly"/>, which was compiled in memory (a notebook cell, a script) and so
    /// has no <see cref="Assembly.Location"/>, for a child process to load.
    /// </summary>
    /// <param name="assembly">An assembly with no file of its own.</param>
    /// <returns>The path of a file holding the same assembly, or null when this front end does not know it.</returns>
    string? LocateAssembly(Assembly assembly);
}
