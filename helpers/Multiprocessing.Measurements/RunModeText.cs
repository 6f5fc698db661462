namespace Multiprocessing.Measurements;

/// <summary>How a <see cref="RunMode"/> is named in tables, charts and progress lines.</summary>
internal static class RunModeText
{
    /// <summary>"Sequential", "Threads", "Processes" or "Process per task".</summary>
    public static string Name(this RunMode mode) => mode == RunMode.ProcessPerTask ? "Process per task" : mode.ToString();
}
