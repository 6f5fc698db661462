using System.Globalization;

namespace Course.Doctor;

/// <summary>
/// The cores as .NET sees them: <see cref="Environment.ProcessorCount"/>, which is what the lessons divide work by. It is
/// <c>DOTNET_PROCESSOR_COUNT</c> when set; otherwise the CPUs this process may run on (affinity), capped by a cgroup's CPU
/// quota rounded up.
/// </summary>
internal static class CoreCountCheck
{
    public static DoctorItem Check()
    {
        int cores = Environment.ProcessorCount;
        var notes = new List<string>();
        if (Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") is { Length: > 0 } set)
            notes.Add($"DOTNET_PROCESSOR_COUNT={set} sets it");
        if (OperatingSystem.IsLinux())
        {
            var allowed = CorePinning.AllowedCores().Count;
            var online = Read("/sys/devices/system/cpu/online") is { } list ? Count(list) : (int?)null;
            notes.Add(online is { } all ? $"affinity allows {allowed} of {all} CPUs" : $"affinity allows {allowed} CPUs");
            notes.Add(CgroupQuota() is { } quota ? $"the cgroup's CPU quota is {quota.ToString("0.##", CultureInfo.InvariantCulture)} CPUs" : "no cgroup CPU quota");
        }
        var found = $".NET sees {cores} (Environment.ProcessorCount){(notes.Count > 0 ? "; " + string.Join("; ", notes) : "")}.";
        return cores >= 2
            ? DoctorItem.Pass("Cores", found)
            : DoctorItem.Warn("Cores", found + " The lessons run, but their processes take turns on one core: speedups near 1× are expected here, not a bug.",
                "for the lessons' speedups use a machine or Codespace with 2 or more cores (and unset DOTNET_PROCESSOR_COUNT).");
    }

    // cgroup v2's cpu.max: "max 100000" (no quota) or "150000 100000" (1.5 CPUs).
    static double? CgroupQuota()
    {
        if (Read("/sys/fs/cgroup/cpu.max")?.Split(' ') is [var quota, var period] && quota != "max"
            && double.TryParse(quota, CultureInfo.InvariantCulture, out var q) && double.TryParse(period, CultureInfo.InvariantCulture, out var p) && p > 0)
            return q / p;
        return null;
    }

    // A CPU list such as "0-3,6".
    static int Count(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Sum(range =>
        {
            var ends = range.Split('-').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            return ends[^1] - ends[0] + 1;
        });

    static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
