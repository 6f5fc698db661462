using System.Diagnostics;

namespace Course.Tests.Jupyter;

/// <summary>A process and all its descendants, read from <c>/proc</c> (Linux).</summary>
internal static class ProcessTree
{
    /// <summary><paramref name="root"/> and every process below it that is running now.</summary>
    public static IReadOnlySet<int> Of(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ParentOf(pid) is not { } parent)
                continue;
            if (!children.TryGetValue(parent, out var list))
                children[parent] = list = [];
            list.Add(pid);
        }
        var tree = new HashSet<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
            if (IsRunning(pid) && tree.Add(pid) && children.TryGetValue(pid, out var below))
                below.ForEach(pending.Push);
        return tree;
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException) { return false; }
    }

    /// <summary>Waits, at most <paramref name="limit"/>, until none of <paramref name="pids"/> is running.</summary>
    /// <returns>The ones still running at the limit.</returns>
    public static async Task<int[]> WaitEndedAsync(IEnumerable<int> pids, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (ArgumentException) { } // already gone
            catch (OperationCanceledException) { break; }
        }
        return pids.Where(IsRunning).ToArray();
    }

    /// <summary>Kills <paramref name="root"/> and every descendant, taking the tree first so no orphan escapes it.</summary>
    public static void KillAll(int root)
    {
        foreach (var pid in Of(root))
            try { using var p = Process.GetProcessById(pid); p.Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (IOException) { return null; }
    }
}
