using Spectre.Console;

namespace Course.Apps;

/// <summary>The Spectre.Console console a lesson app draws on: colours and live updates in a terminal, plain text otherwise.</summary>
internal static class Terminal
{
    /// <summary>
    /// A console on this process's standard output. When the output is redirected (a file, a pipe, CI) it writes
    /// no ANSI control codes and no live updates, at a fixed width, so the text stays readable.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (redirected)
            console.Profile.Width = 100;
        return console;
    }
}
