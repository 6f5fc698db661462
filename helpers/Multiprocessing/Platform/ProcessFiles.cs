namespace Multiprocessing.Platform;

/// <summary>
/// Files named after the process that made them, <c>{prefix}{pid}-{guid}{suffix}</c>, so that files left
/// by a process killed with SIGKILL can be recognised and removed later, as Python's resource tracker does.
/// </summary>
internal static class ProcessFiles
{
    /// <summary>A new, unique path for this process in <paramref name="folder"/>.</summary>
    public static string NewPath(string folder, string prefix, string suffix = "") =>
        Path.Combine(folder, $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}{suffix}");

    /// <summary>Deletes the files in <paramref name="folder"/> with <paramref name="prefix"/> whose process is gone.</summary>
    public static void SweepDead(string folder, string prefix)
    {
        foreach (var file in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            var rest = Path.GetFileName(file)[prefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out var pid) && !ProcessLiveness.IsAlive(pid))
                try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
