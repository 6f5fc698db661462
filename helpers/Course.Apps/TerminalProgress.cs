using System.Diagnostics;
using Multiprocessing.Hosting;
using Spectre.Console;

namespace Course.Apps;

/// <summary>
/// A measurement's progress: a Spectre.Console status line that updates in place in a terminal,
/// or one line when it starts and one when it ends when the output is redirected.
/// </summary>
internal sealed class TerminalProgress : IProgressDisplay
{
    static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    readonly IAnsiConsole _console;
    readonly string _first;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly ManualResetEventSlim _done = new();
    readonly Task? _live;
    volatile string _status = "";

    public TerminalProgress(IAnsiConsole console, string status)
    {
        _console = console;
        _first = status;
        if (console.Profile.Capabilities.Interactive)
            // Status blocks while it draws, so it draws on its own thread until the measurement ends.
            _live = Task.Factory.StartNew(() => console.Status().Start(Markup.Escape(status), context =>
            {
                while (!_done.Wait(Refresh))
                    context.Status(Markup.Escape($"{_first} {_status}"));
            }), TaskCreationOptions.LongRunning);
        else
            console.WriteLine(status);
    }

    public void Update(string status) => _status = status;

    public void Dispose()
    {
        _done.Set();
        _live?.Wait(StopLimit);
        _console.MarkupLine($"[grey]{Markup.Escape($"{_first} done in {_clock.Elapsed.TotalSeconds:0.0} s.")}[/]");
        _done.Dispose();
    }
}
