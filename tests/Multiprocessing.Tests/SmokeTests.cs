namespace Multiprocessing.Tests;

public class SmokeTests
{
    [Fact]
    public void PoolMapsSquares()
    {
        using var pool = new ProcessPool(2);
        Assert.Equal([0, 1, 4, 9, 16], pool.Map(Targets.Square, Enumerable.Range(0, 5)));
    }

    [Fact]
    public void FifteenChildrenCubeASharedArray()
    {
        using var numbers = new SharedArray<int>(Enumerable.Range(2, 15));
        var children = Enumerable.Range(0, 15).Select(i => new ChildProcess(Targets.Cube, numbers, i)).ToList();
        children.ForEach(c => c.Start());
        Assert.All(children, c => Assert.True(c.Join(TimeSpan.FromSeconds(30))));
        Assert.All(children, c => Assert.Equal(0, c.ExitCode));
        Assert.Equal(Enumerable.Range(2, 15).Select(n => n * n * n), numbers.ToArray());
    }
}
