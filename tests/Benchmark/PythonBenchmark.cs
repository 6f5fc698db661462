using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Benchmark;

/// <summary>The Python side: what pool_benchmark.py measured, or why there is nothing.</summary>
/// <param name="Runs">Results by start method ("spawn", "fork").</param>
/// <param name="Problem">Why some or all results are missing, or null.</param>
/// <param name="Crashed">True when python3 exists but the script failed, which makes the benchmark exit non-zero.</param>
internal sealed record PythonOutcome(IReadOnlyDictionary<string, PythonRun> Runs, string? Problem, bool Crashed);

/// <summary>Runs pool_benchmark.py with python3 from PATH and parses the JSON line it prints per start method.</summary>
internal static class PythonBenchmark
{
    static readonly string[] Methods = ["spawn", "fork"];
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static PythonOutcome Run(Settings settings)
    {
        var empty = new Dictionary<string, PythonRun>();
        if (FindOnPath("python3") is not { } python)
            return new PythonOutcome(empty, "python3 is not on PATH", Crashed: false);

        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "pool_benchmark.py"),
                     "--methods", string.Join(",", Methods),
                     "--repeats", settings.Repeats.ToString(CultureInfo.InvariantCulture),
                     "--roundtrips", settings.Roundtrips.ToString(CultureInfo.InvariantCulture),
                     "--cpu-tasks", settings.CpuTasks.ToString(CultureInfo.InvariantCulture),
                     "--cpu-task-ms", settings.CpuTaskMs.ToString(CultureInfo.InvariantCulture),
                 })
            info.ArgumentList.Add(arg);

        // Its stderr (progress, tracebacks) goes straight to ours; stdout carries only the JSON lines.
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new PythonOutcome(empty, $"pool_benchmark.py took longer than {Timeout.TotalMinutes} minutes and was killed", Crashed: true);
        }

        var runs = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonSerializer.Deserialize<PythonRun>(line)!)
            .ToDictionary(run => run.Method);
        bool complete = Methods.All(runs.ContainsKey);
        return process.ExitCode == 0 && complete
            ? new PythonOutcome(runs, null, Crashed: false)
            : new PythonOutcome(runs, $"pool_benchmark.py exited with code {process.ExitCode} (see its output above)", Crashed: true);
    }

    static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
