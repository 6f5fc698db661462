using System.Diagnostics;
using System.Globalization;

namespace Course;

/// <summary>
/// Runs the kernel as if the machine had fewer cores: on Linux, <c>taskset -c</c> pins it to the first N cores this
/// process may use, and <c>DOTNET_PROCESSOR_COUNT=N</c> makes <see cref="Environment.ProcessorCount"/> say so. Both are
/// inherited by everything the kernel starts (pool workers, children), so a lesson's workers share the same N cores.
/// </summary>
internal static class CorePinning
{
    /// <summary>The cores this process may run on, in order (Linux's <c>Cpus_allowed_list</c>, such as "0-3,6").</summary>
    /// <exception cref="PlatformNotSupportedException">Throws off Linux, where the course has no way to pin the kernel.</exception>
    public static IReadOnlyList<int> AllowedCores()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("--cores pins the kernel to cores with Linux's taskset, which this system does not have; run without --cores.");
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var cores = new List<int>();
        foreach (var range in line["Cpus_allowed_list:".Length..].Trim().Split(','))
        {
            var ends = range.Split('-').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            for (int core = ends[0]; core <= ends[^1]; core++)
                cores.Add(core);
        }
        return cores;
    }

    /// <summary>
    /// Makes <paramref name="start"/> run its program through <c>taskset</c> on the first <paramref name="cores"/> cores
    /// this process may use, with <c>DOTNET_PROCESSOR_COUNT</c> set to match. taskset execs the program in its place, so
    /// the started process is the program itself (same pid), and killing its tree still ends everything.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="cores"/> is below 1 or more than this process may use.</exception>
    /// <exception cref="PlatformNotSupportedException">Throws off Linux, or when taskset (util-linux) is not installed.</exception>
    public static void Apply(ProcessStartInfo start, int cores)
    {
        var allowed = AllowedCores();
        if (cores < 1 || cores > allowed.Count)
            throw new ArgumentOutOfRangeException(nameof(cores), cores, $"--cores takes a number of cores from 1 to {allowed.Count} (the cores this machine lets the course use), not {cores}.");
        var taskset = FindOnPath("taskset") ?? throw new PlatformNotSupportedException(
            "--cores needs taskset, from util-linux, which is not installed; install util-linux (apt-get install util-linux), or run without --cores.");
        string[] program = [start.FileName, .. start.ArgumentList];
        start.FileName = taskset;
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(string.Join(',', allowed.Take(cores)));
        foreach (var argument in program)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = cores.ToString(CultureInfo.InvariantCulture);
    }

    static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
