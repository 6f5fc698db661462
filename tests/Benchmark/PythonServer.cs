using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Multiprocessing.Wire;

namespace Benchmark;

/// <summary>
/// pool_benchmark.py running as a server: one python3 process for the whole benchmark, which measures a figure
/// with a start method whenever asked, so each Python sample is taken right next to the .NET one.
/// When python3 is missing or the server fails, it measures nothing more and <see cref="Info"/> says why.
/// </summary>
internal sealed class PythonServer : IDisposable
{
    /// <summary>Python writes the protocol's names in snake_case.</summary>
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Far above any one measurement (a cpu_speedup one takes a few seconds), so only a hung server reaches it.</summary>
    static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Time to terminate and join its pools after stdin closes, before it is killed with its workers.</summary>
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    readonly Process? _process;

    /// <summary>The first line the server prints, after calibrating its CPU task.</summary>
    sealed record Hello(string PythonVersion, long CpuIterations);

    /// <summary>What to measure next: one figure, once, with one start method.</summary>
    sealed record Command(string Method, string Figure);

    /// <summary>Starts the server and waits for its hello; start it after .NET has calibrated, so the two calibrations do not compete.</summary>
    public PythonServer(Settings settings)
    {
        if (FindOnPath("python3") is not { } python)
        {
            Info = new PythonInfo(null, null, "python3 is not on PATH", Crashed: false);
            return;
        }

        var info = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "pool_benchmark.py"), "--serve",
                     "--roundtrips", settings.Roundtrips.ToString(CultureInfo.InvariantCulture),
                     "--cpu-tasks", settings.CpuTasks.ToString(CultureInfo.InvariantCulture),
                     "--cpu-task-ms", settings.CpuTaskMs.ToString(CultureInfo.InvariantCulture),
                     "--queue-items", settings.QueueItems.ToString(CultureInfo.InvariantCulture),
                     "--pipe-roundtrips", settings.PipeRoundtrips.ToString(CultureInfo.InvariantCulture),
                 })
            info.ArgumentList.Add(arg);

        Info = new PythonInfo(null, null, null, Crashed: false);
        // Its stderr (tracebacks) goes straight to ours; stdout carries only the JSON answers.
        _process = Process.Start(info)!;
        if (Read<Hello>() is { } hello)
            Info = Info with { Version = hello.PythonVersion, CpuIterations = hello.CpuIterations };
    }

    /// <summary>Python's version and calibration, and why Python figures are missing if they are.</summary>
    public PythonInfo Info { get; private set; }

    /// <summary>The contestant that measures with start method <paramref name="method"/> ("spawn" or "fork").</summary>
    public IContestant Method(string method) => new MethodContestant(this, method);

    /// <summary>One start method of the server, as a contestant; all of them share the one process.</summary>
    sealed class MethodContestant(PythonServer server, string method) : IContestant
    {
        public string Name => method;

        public Sample? Measure(string figure) => server.Measure(method, figure);
    }

    Sample? Measure(string method, string figure)
    {
        if (_process is null || Info.Problem is not null)
            return null;
        try
        {
            _process.StandardInput.WriteLine(JsonSerializer.Serialize(new Command(method, figure), Json)); // AutoFlush is on
        }
        catch (IOException)
        {
            // The server is gone; reading its answer finds out how it ended.
        }
        return Read<Sample>();
    }

    /// <summary>Reads one answer. Without one (the server exited, or hangs) it stops the server, records why, and returns null.</summary>
    T? Read<T>() where T : class
    {
        string? line;
        try
        {
            line = _process!.StandardOutput.ReadLineAsync().WaitAsync(AnswerTimeout).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            return Fail<T>($"pool_benchmark.py did not answer within {AnswerTimeout.TotalSeconds} s and was killed");
        }
        if (line is null)
        {
            _process.WaitForExit(ShutdownTimeout);
            return Fail<T>(_process.HasExited
                ? $"pool_benchmark.py exited with code {_process.ExitCode}; see its output above"
                : "pool_benchmark.py closed its output and was killed");
        }
        return JsonSerializer.Deserialize<T>(line, Json) ?? throw new InvalidDataException($"pool_benchmark.py answered '{line}'.");
    }

    T? Fail<T>(string problem) where T : class
    {
        Info = Info with { Problem = problem, Crashed = true };
        Kill();
        return null;
    }

    /// <summary>Closing stdin asks the server to terminate its pools and exit; one that does not is killed with its workers.</summary>
    public void Dispose()
    {
        if (_process is null)
            return;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }
        if (!_process.WaitForExit(ShutdownTimeout))
            Kill();
        _process.Dispose();
    }

    void Kill()
    {
        if (!_process!.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
