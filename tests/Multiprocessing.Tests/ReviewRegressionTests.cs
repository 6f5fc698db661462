using System.Reflection;
using Multiprocessing.Memory;

namespace Multiprocessing.Tests;

/// <summary>Defects a review found, each kept from coming back.</summary>
public class ReviewRegressionTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void AnImapResultEnumeratedTwiceIsEmptyTheSecondTimeInsteadOfHanging()
    {
        using var pool = new ProcessPool(2);
        var results = pool.Imap(Targets.Square, [1, 2, 3]);
        Assert.Equal([1, 4, 9], Bounded.Run(() => results.ToList()));
        Assert.Empty(Bounded.Run(() => results.ToList(), Bound));
    }

    [Fact]
    public void AFunctionThatCannotLoadInAWorkerFailsWithTheSameErrorEveryTime()
    {
        var inMemory = Assembly.Load(File.ReadAllBytes(typeof(Targets).Assembly.Location));
        var square = inMemory.GetType(typeof(Targets).FullName!)!.GetMethod(nameof(Targets.Square))!.CreateDelegate<Func<int, int>>();
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.dll");
        AssemblyLocator.Register(assembly => assembly == inMemory ? missing : null);
        using var pool = new ProcessPool(1);

        var first = Assert.Throws<RemoteException>(() => pool.ApplyAsync(square, 2).Get(Bound));
        var second = Assert.Throws<RemoteException>(() => pool.ApplyAsync(square, 3).Get(Bound));

        Assert.Equal(first.RemoteType, second.RemoteType);
        Assert.Contains("FileNotFound", second.RemoteType);
        Assert.Equal(9, pool.Apply(Targets.Square, 3)); // the pool goes on
    }

    [Fact]
    public void AWorkerUnmapsSharedMemoryItReceivedOnceTheTaskEnds()
    {
        if (!OperatingSystem.IsLinux())
            return; // reads /proc
        using var pool = new ProcessPool(1);
        var numbers = new SharedArray<int>([5, 6, 7]);
        var file = ((Memory.ISharedMemory)numbers).Block.Name;

        Assert.Equal([5, 6, 7], pool.StarmapAsync(FailureTargets.ReadAt, [(numbers, 0), (numbers, 1), (numbers, 2)]).Get(Bound));
        numbers.Dispose();

        var worker = Assert.Single(pool.WorkerPids);
        Assert.DoesNotContain(file, File.ReadAllText($"/proc/{worker}/maps"));
    }

    [Fact]
    public void AChildProcessWidensNumbersAsACallWouldAndNamesBothTypesOtherwise()
    {
        using var half = new SharedArray<double>(1);
        using var child = new ChildProcess(FailureTargets.StoreHalf, half, 5); // an int for a double
        child.Start();
        Assert.True(child.Join(Bound));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(2.5, half[0]);

        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(Targets.Square, "five"));
        Assert.Contains("Int32", error.Message);
        Assert.Contains("String", error.Message);
    }

    [Fact]
    public void AChildProcessRefusesAnArgumentThatCannotBeRebuilt_BeforeStarting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(FailureTargets.SumOf, new NotRebuildable(1, 2)));
        Assert.Contains("cannot be rebuilt", error.Message);
    }
}
