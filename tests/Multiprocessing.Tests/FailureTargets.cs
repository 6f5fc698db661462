using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>Functions that fail in every way a worker can fail. Kept apart from the tests so children load nothing of xunit.</summary>
public static class FailureTargets
{
    public static int Divide(int a, int b) => a / b;

    public static int ThrowNested(int depth) => depth == 0 ? throw new InvalidOperationException("deep failure") : ThrowNested(depth - 1) + 1;

    public static int ExitWith(int code)
    {
        Environment.Exit(code);
        return code;
    }

    public static int FailFast(int _)
    {
        Environment.FailFast("failing fast on purpose");
        return 0;
    }

    public static int Recurse(int n) => n + Recurse(n + 1) + 1; // a stack overflow

    public static int KillSelf(int _)
    {
        Process.GetCurrentProcess().Kill();
        return 0;
    }

    /// <summary>Marks itself started in <paramref name="started"/>, then blocks until killed.</summary>
    public static int BlockUntilKilled(SharedValue<int> started)
    {
        started.Value = Environment.ProcessId;
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Takes the lock, writes its pid under it as a half-done update, then blocks until killed, holding the lock.</summary>
    public static void HoldLockUntilKilled(SharedValue<int> value)
    {
        value.GetLock().Acquire();
        value.Value = Environment.ProcessId;
        Thread.Sleep(Timeout.Infinite);
    }

    public static int Identity(int x) => x;

    public static int ReadAt(SharedArray<int> numbers, int index) => numbers[index];

    public static void FailingInitializer() => throw new InvalidOperationException("initializer failed on purpose");

    /// <summary>
    /// Runs in a child: starts a pool of two, writes the workers' pids to <paramref name="pids"/>, and waits
    /// forever, so a test can kill this process and watch what happens to its workers.
    /// </summary>
    public static void StartPoolAndWait(SharedArray<int> pids)
    {
        var pool = new ProcessPool(2);
        pool.Map(Identity, [1, 2, 3, 4]);
        var workers = pool.WorkerPids;
        pids[0] = workers[0];
        pids[1] = workers[1];
        pids[2] = 1; // ready
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Creates and frees a shared array in a fresh process, which sweeps files of dead processes first.</summary>
    public static void CreateSharedArray()
    {
        using var numbers = new SharedArray<int>(1);
    }

    public static void Nothing()
    {
    }

    /// <summary>Creates a shared array and exits without disposing it.</summary>
    public static void LeakSharedArray()
    {
        var forgotten = new SharedArray<int>(4);
        forgotten[0] = 1;
    }

    public static void StoreHalf(SharedArray<double> into, double x) => into[0] = x / 2;

    public static int SumOf(NotRebuildable value) => value.Sum;
}

/// <summary>Serializes to JSON, but its constructor's parameters match no property, so it cannot be rebuilt.</summary>
public sealed class NotRebuildable(int a, int b)
{
    public int Sum { get; } = a + b;
}
