// Compares Multiprocessing.ProcessPool with Python's multiprocessing.Pool. Run it in Release:
//   dotnet run -c Release --project tests/Benchmark
using System.Globalization;
using Benchmark;

#if DEBUG
Console.Error.WriteLine("Timings of a Debug build mean nothing. Run: dotnet run -c Release --project tests/Benchmark");
return 2;
#else
// Invariant culture, so the summary lines parse the same everywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = new Settings();
string loadBefore = Machine.LoadAverage();

Console.Error.WriteLine("Measuring .NET ProcessPool...");
var dotnet = DotnetBenchmark.Run(settings, figure => Console.Error.WriteLine($"  dotnet: {figure}"));
Console.Error.WriteLine("Measuring Python multiprocessing.Pool...");
var python = PythonBenchmark.Run(settings);

Report.Print(dotnet, python, settings, loadBefore);
return python.Crashed ? 1 : 0; // a missed target is a result, not a failure
#endif
