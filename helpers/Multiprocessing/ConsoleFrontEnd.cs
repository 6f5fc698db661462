using System.Diagnostics;
using System.Reflection;

namespace Multiprocessing.Hosting;

/// <summary>
/// The front end used when none is set (a console program, a test): worker output goes to <see cref="Console.Out"/> or
/// <see cref="Console.Error"/> under the context of the call that started the work; no assembly compiled in memory is
/// found; a measurement's progress is two lines on standard error when it is a terminal (its start, and its end with its
/// time), and nothing when standard error is redirected, so a program's captured output stays its own.
/// Derive from it to take over only some duties.
/// </summary>
public class ConsoleFrontEnd : IFrontEnd
{
    /// <summary>The instance <see cref="FrontEnd.Current"/> starts with.</summary>
    public static ConsoleFrontEnd Default { get; } = new();

    /// <inheritdoc/>
    public virtual IProgressDisplay StartProgress(string status) =>
        Console.IsErrorRedirected ? new NoProgress() : new ProgressLines(status);

    /// <summary>
    /// Writes <paramref name="text"/> to <see cref="Console.Out"/> or <see cref="Console.Error"/> under <paramref name="origin"/>:
    /// a host that picks the console writer per context (a notebook kernel, per cell) shows it where the work was asked for.
    /// </summary>
    /// <param name="text">Whole lines, with their line ends.</param>
    /// <param name="isError">True to write to <see cref="Console.Error"/>.</param>
    /// <param name="origin">The context to write under, or null to write under the caller's.</param>
    public virtual void WriteWorkerOutput(string text, bool isError, ExecutionContext? origin) => WriteToConsole(text, isError, origin);

    /// <summary>Finds no file: a console program's assemblies are compiled to files, which the library finds itself.</summary>
    /// <param name="assembly">An assembly with no file of its own.</param>
    /// <returns>Null.</returns>
    public virtual string? LocateAssembly(Assembly assembly) => null;

    /// <summary>
    /// What <see cref="WriteWorkerOutput"/> does, for a front end that writes some output its own way and the rest as the console does.
    /// </summary>
    /// <param name="text">Whole lines, with their line ends.</param>
    /// <param name="isError">True to write to <see cref="Console.Error"/>.</param>
    /// <param name="origin">The context to write under, or null to write under the caller's.</param>
    public static void WriteToConsole(string text, bool isError, ExecutionContext? origin)
    {
        if (origin is null)
            Write((text, isError));
        else
            ExecutionContext.Run(origin, static state => Write(((string, bool))state!), (text, isError));

        // Console.Out and Console.Error are read inside the context, since a host may pick the writer by context.
        static void Write((string Text, bool Error) output) =>
            (output.Error ? Console.Error : Console.Out).Write(output.Text);
    }

    /// <summary>Shows nothing: standard error is captured, and progress would mix into it.</summary>
    sealed class NoProgress : IProgressDisplay
    {
        public void Update(string status) { }

        public void Dispose() { }
    }

    /// <summary>The first status when the measurement starts, and its time when it ends; updates are not shown.</summary>
    sealed class ProgressLines : IProgressDisplay
    {
        readonly string _first;
        readonly Stopwatch _clock = Stopwatch.StartNew();

        public ProgressLines(string status)
        {
            _first = status;
            Console.Error.WriteLine(status);
        }

        public void Update(string status) { }

        public void Dispose() => Console.Error.WriteLine($"{_first} done in {_clock.Elapsed.TotalSeconds:0.0} s.");
    }
}
