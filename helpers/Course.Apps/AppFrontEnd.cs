using System.Reflection;
using Multiprocessing.Hosting;
using Spectre.Console;

namespace Course.Apps;

/// <summary>
/// A lesson app as the library's front end: progress as a Spectre.Console status line (<see cref="TerminalProgress"/>);
/// worker output on the console, as a console program writes it (the run keeps it for its page, since it records
/// <see cref="Console.Out"/>); and no assembly in memory to locate, since a file-based app is compiled to a file.
/// <see cref="LessonApp.Start"/> sets it.
/// </summary>
internal sealed class AppFrontEnd(IAnsiConsole console) : IFrontEnd
{
    public IProgressDisplay StartProgress(string status) => new TerminalProgress(console, status);

    public void WriteWorkerOutput(string text, bool isError, ExecutionContext? origin) =>
        ConsoleFrontEnd.WriteToConsole(text, isError, origin);

    public string? LocateAssembly(Assembly assembly) => null;
}
