using System.Diagnostics;
using System.Runtime.CompilerServices;
using Course.Handouts;
using Multiprocessing.Hosting;
using Spectre.Console;

namespace Course.Apps;

/// <summary>
/// A lesson run as a .NET file-based app: what a notebook shows, in a terminal, and one HTML page of the run.
/// Equivalent of the notebook's setup cell (<c>Start</c>), of a cell's trailing expression (<c>Show</c>), and of its export (<c>Finish</c>).
/// </summary>
public static class LessonApp
{
    static AppRun? _run;

    /// <summary>
    /// Starts the lesson titled <paramref name="title"/>: measurements draw in the terminal, and what the app prints is kept for its page.
    /// Raises <see cref="InvalidOperationException"/> when the lesson already started.
    /// </summary>
    /// <exception cref="InvalidOperationException">The lesson already started.</exception>
    public static void Start(string title, [CallerFilePath] string app = "")
    {
        if (_run is not null)
            throw new InvalidOperationException("The lesson already started; call LessonApp.Start once, at the top of the app.");
        _run = new AppRun(title, app, Terminal.Create());
        // For the app's life: the handle is never disposed.
        FrontEnd.Use(new AppFrontEnd(_run.Console));
    }

    /// <summary>
    /// Shows <paramref name="value"/> as a notebook shows a cell's last expression: a figure (a comparison, a sweep, a
    /// timeline) as its table and bars in the terminal and as its chart on the page, anything else as text.
    /// </summary>
    /// <exception cref="InvalidOperationException">The lesson has not started.</exception>
    public static void Show(object? value, [CallerArgumentExpression(nameof(value))] string expression = "")
    {
        var run = _run ?? throw NotStarted();
        run.Show(value, expression);
    }

    /// <summary>Writes the run's HTML page, with its interactive charts, and prints its path. Returns the path.</summary>
    /// <exception cref="InvalidOperationException">The lesson has not started.</exception>
    public static string Finish()
    {
        var run = _run ?? throw NotStarted();
        return run.Finish();
    }

    static InvalidOperationException NotStarted() =>
        new("The lesson has not started: call LessonApp.Start(\"title\") at the top of the app, before anything it shows.");
}
