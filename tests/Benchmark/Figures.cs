using System.Text.Json.Serialization;

namespace Benchmark;

/// <summary>One runtime's results, all medians. The JSON names are what pool_benchmark.py prints.</summary>
internal sealed record Figures(
    [property: JsonPropertyName("ready_ms")] double ReadyMs,
    [property: JsonPropertyName("roundtrip_ms")] double RoundtripMs,
    [property: JsonPropertyName("map100k_ms")] double Map100kMs,
    [property: JsonPropertyName("map10k_chunk1_ms")] double Map10kChunk1Ms,
    [property: JsonPropertyName("cpu_sequential_ms")] double CpuSequentialMs,
    [property: JsonPropertyName("cpu_parallel_ms")] double CpuParallelMs,
    [property: JsonPropertyName("cpu_speedup")] double CpuSpeedup,
    [property: JsonPropertyName("cpu_iterations")] long CpuIterations);

/// <summary>What pool_benchmark.py prints for one start method.</summary>
internal sealed record PythonRun(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("python_version")] string PythonVersion,
    [property: JsonPropertyName("figures")] Figures Figures);

/// <summary>The .NET side: the process pool's figures, plus notes only .NET has.</summary>
/// <param name="Pool">The <see cref="Multiprocessing.ProcessPool"/> figures.</param>
/// <param name="ReadyConstructMs">Of <see cref="Figures.ReadyMs"/>, the time spent in the pool's constructor.</param>
/// <param name="Threads">CPU figures of <see cref="Multiprocessing.ThreadWorkerPool"/>.</param>
internal sealed record DotnetRun(Figures Pool, double ReadyConstructMs, CpuResult Threads);

/// <summary>Medians of the CPU figure: sequential and pool times, and the per-run speedup.</summary>
internal sealed record CpuResult(double SequentialMs, double ParallelMs, double Speedup);
