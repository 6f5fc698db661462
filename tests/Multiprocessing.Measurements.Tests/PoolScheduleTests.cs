using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

public class PoolScheduleTests
{
    static readonly int[] Naps = [400, 50, 250, 10, 150, 300, 20, 100];

    static TimeSpan[] Durations(params int[] ms) => ms.Select(m => TimeSpan.FromMilliseconds(m)).ToArray();

    [Fact]
    public void LessonFivesNapsFinishInPythonsOrder() =>
        // CPython 3.11's Pool(4).imap_unordered(nap, NAPS) prints this order.
        Assert.Equal([10, 50, 150, 20, 250, 100, 300, 400], PoolSchedule.CompletionOrder(Durations(Naps), 4).Select(i => Naps[i]));

    [Fact]
    public void APullBasedPoolStartsTasksInTheOrderGiven() =>
        Assert.Equal(Enumerable.Range(0, Naps.Length), PoolSchedule.StartOrder(Durations(Naps), 4));

    [Fact]
    public void TheScheduleShowsWhoRunsWhatAndWhen()
    {
        var tasks = PoolSchedule.Simulate(Durations(Naps), 4);
        // The 10 ms nap's worker takes the next three tasks as it goes idle: 150 at 10 ms, then 20 at 160, then 100 at 180.
        Assert.Equal(new ScheduledTask(4, 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(160)), tasks[4]);
        Assert.Equal(new ScheduledTask(5, 1, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(350)), tasks[5]);
        Assert.Equal(new ScheduledTask(7, 3, TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(280)), tasks[7]);
        Assert.Equal(TimeSpan.FromMilliseconds(400), PoolSchedule.Makespan(Durations(Naps), 4));
    }

    [Fact]
    public void OneWorkerRunsEverythingInTurn()
    {
        Assert.Equal(Enumerable.Range(0, Naps.Length), PoolSchedule.CompletionOrder(Durations(Naps), 1));
        Assert.Equal(TimeSpan.FromMilliseconds(Naps.Sum()), PoolSchedule.Makespan(Durations(Naps), 1));
    }

    [Fact]
    public void NoTasksTakeNoTime()
    {
        Assert.Empty(PoolSchedule.CompletionOrder([], 4));
        Assert.Equal(TimeSpan.Zero, PoolSchedule.Makespan([], 4));
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSchedule.Simulate(Durations(1), 0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PoolSchedule.Simulate([TimeSpan.FromMilliseconds(-1)], 2));
        Assert.Contains("task 0", error.Message);
        Assert.Throws<ArgumentNullException>(() => PoolSchedule.Simulate(null!, 2));
    }
}
