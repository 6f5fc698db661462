using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Multiprocessing.Hosting;

namespace Course.Notebooks;

/// <summary>One output line in the running cell, rewritten in place as a measurement goes on.</summary>
internal sealed class LiveProgress : IProgressDisplay
{
    readonly DisplayedValue? _display;
    readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    readonly string _first;

    public LiveProgress(string status)
    {
        _first = status;
        if (KernelInvocationContext.Current is { } cell)
            _display = KernelInvocationContextExtensions.Display(cell, status, PlainTextFormatter.MimeType);
    }

    public void Update(string status) => _display?.Update($"{_first} {status}");

    public void Dispose() => _display?.Update($"{_first} done in {_clock.Elapsed.TotalSeconds:0.0} s.");
}
