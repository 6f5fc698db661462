// Compares Multiprocessing.ProcessPool, SharedQueue and Pipe with Python's multiprocessing.Pool, Queue and Pipe. Run it in Release:
//   dotnet run -c Release --project tests/Benchmark                              (every figure)
//   dotnet run -c Release --project tests/Benchmark -- queue100k pipe_roundtrip  (only the figures named)
using System.Globalization;
using Benchmark;

#if DEBUG
Console.Error.WriteLine("Timings of a Debug build mean nothing. Run: dotnet run -c Release --project tests/Benchmark");
return 2;
#else
// Invariant culture, so the summary lines parse the same everywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = new Settings();
var unknown = args.Except(Figure.All.Select(f => f.Name)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown figure(s): {string.Join(", ", unknown)}. The figures are: {string.Join(", ", Figure.All.Select(f => f.Name))}.");
    return 2;
}
var figures = args.Length == 0 ? Figure.All : Figure.All.Where(f => args.Contains(f.Name)).ToArray();
string loadBefore = Machine.LoadAverage();

Results results;
try
{
    results = MatchedRounds.Run(settings, figures, step => Console.Error.WriteLine($"  {step}"));
}
catch (Exception e)
{
    // Caught, not left unhandled: only then does the runtime unwind MatchedRounds.Run's `using`s,
    // which shut down the Python server and every pool.
    Console.Error.WriteLine($"The benchmark failed: {e}");
    return 1;
}

Report.Print(results, settings, loadBefore);
return results.Python.Crashed ? 1 : 0; // a missed target is a result, not a failure
#endif
