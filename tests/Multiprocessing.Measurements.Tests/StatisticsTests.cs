namespace Multiprocessing.Measurements.Tests;

/// <summary>The one median and the one rotating order, which Compare and the benchmark share.</summary>
public class StatisticsTests
{
    [Fact]
    public void MedianOfNumbersIsTheMiddleOrTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(10, Statistics.Median([12, 10, 8]));
        Assert.Equal(35, Statistics.Median([50, 20, 40, 30]));
        Assert.Throws<ArgumentException>(() => Statistics.Median(Array.Empty<double>()));
    }

    [Fact]
    public void EachContenderGoesFirstOnceEveryRounds()
    {
        string[] contenders = ["dotnet", "spawn", "fork"];
        Assert.Equal(contenders, Statistics.RotatingOrder(contenders, 0));
        Assert.Equal(["spawn", "fork", "dotnet"], Statistics.RotatingOrder(contenders, 1));
        Assert.Equal(["dotnet", "spawn", "fork"], Statistics.RotatingOrder(contenders, 3));
        Assert.Equal(contenders, Enumerable.Range(0, 3).Select(round => Statistics.RotatingOrder(contenders, round).First()));
    }
}
