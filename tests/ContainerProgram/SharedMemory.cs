using Multiprocessing;

namespace ContainerProgram;

/// <summary>The <c>shm</c> steps: shared arrays of given sizes, made here, in a child or in a pool worker.</summary>
internal static class SharedMemory
{
    public static void Run(string[] steps)
    {
        var kept = new List<SharedArray<byte>>();
        using var pool = new ProcessPool(1);
        foreach (var step in steps)
        {
            var (where, size) = step.Contains(':') ? (step[..step.IndexOf(':')], int.Parse(step[(step.IndexOf(':') + 1)..])) : ("here", int.Parse(step));
            Console.WriteLine($"{step} {Outcome(where, size, kept, pool)}");
            Console.Out.Flush();
        }
        var files = Directory.GetFiles("/dev/shm", "dotnet-mp-*").Length;
        Console.WriteLine($"files {files}");
        foreach (var array in kept)
            array.Dispose();
    }

    static string Outcome(string where, int size, List<SharedArray<byte>> kept, ProcessPool pool)
    {
        try
        {
            switch (where)
            {
                case "here":
                    return $"filled {Targets.MakeAndFill(size)}";
                case "keep":
                    var array = new SharedArray<byte>(size, withLock: false);
                    kept.Add(array);
                    return $"filled {Targets.Fill(array)}";
                case "worker":
                    return $"filled {pool.Apply(Targets.MakeAndFill, size)}";
                case "child":
                {
                    using var child = ChildProcess.Create(Targets.MakeAndFillInChild, size);
                    child.Start();
                    child.Join(TimeSpan.FromSeconds(30));
                    return $"child exit {child.ExitCode}";
                }
                case "touch":
                {
                    using var bytes = new SharedArray<byte>(size, withLock: false);
                    using var child = ChildProcess.Create(Targets.FillShared, bytes);
                    child.Start();
                    child.Join(TimeSpan.FromSeconds(30));
                    long sum = 0;
                    foreach (var b in bytes.AsSpan())
                        sum += b;
                    return $"child exit {child.ExitCode} filled {sum}";
                }
                default:
                    return $"unknown {where}";
            }
        }
        catch (Exception e)
        {
            return $"error {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        }
    }
}
