namespace Multiprocessing.Tests;

/// <summary>Python's <c>multiprocessing.JoinableQueue</c>: <c>task_done</c> and <c>join</c> across processes.</summary>
public class JoinableQueueTests
{
    [Fact] // _TestQueue.test_task_done
    public void JoinWaitsUntilEveryItemIsMarkedDone()
    {
        using var queue = new JoinableQueue<int?>();
        var workers = Enumerable.Range(0, 4).Select(_ => new ChildProcess(MessagingTargets.TakeUntilNullMarkingDone, queue)).ToList();
        workers.StartAll();
        try
        {
            for (int i = 0; i < 10; i++)
                queue.Put(i);
            Assert.True(queue.Join(Bounded.Limit), "Join did not return: some TaskDone was lost");
            foreach (var _ in workers)
                queue.Put(null, timeout: Bounded.Limit);
            Assert.Empty(workers.JoinAll(Bounded.Limit));
            Assert.All(workers, w => Assert.Equal(0, w.ExitCode));
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public void JoinReturnsAtOnceWhenNothingIsUnfinished()
    {
        using var queue = new JoinableQueue<int>();
        Assert.True(queue.Join(TimeSpan.Zero));
        queue.Put(1);
        Assert.False(queue.Join(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(1, queue.Get());
        Assert.False(queue.Join(TimeSpan.FromMilliseconds(50)), "taking an item is not finishing it");
        queue.TaskDone();
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    [Fact]
    public void TaskDoneMoreTimesThanItemsPutThrows()
    {
        using var queue = new JoinableQueue<int>();
        queue.Put(1);
        queue.Get();
        queue.TaskDone();
        var error = Assert.Throws<InvalidOperationException>(queue.TaskDone); // Python: ValueError
        Assert.Contains("more times than items were put", error.Message);
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    [Fact]
    public void APutThatFailsIsNotCountedAsATask()
    {
        using var queue = new JoinableQueue<int>(maxsize: 1);
        queue.Put(1);
        Assert.Throws<QueueFullException>(() => queue.Put(2, block: false));
        queue.Get();
        queue.TaskDone();
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    [Fact]
    public void JoinDoesNotWaitForeverForATakerThatEndedWithoutTaskDone()
    {
        using var queue = new JoinableQueue<int>();
        queue.Put(7);
        using var child = new ChildProcess(MessagingTargets.TakeOneWithoutTaskDone, queue);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        var error = Assert.Throws<IOException>(() => Bounded.Run(() => { queue.Join(); return 0; }));
        Assert.Contains($"process {child.Pid} took 1 item(s)", error.Message);
        Assert.Contains("TaskDone()", error.Message);
    }

    [Fact]
    public void ASharedQueueViewOfAJoinableQueueStillCountsTasks()
    {
        using var queue = new JoinableQueue<int>();
        using var child = new ChildProcess(MessagingTargets.PutRange, queue, 0, 3); // the child declares a SharedQueue<int>
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.False(queue.Join(TimeSpan.FromMilliseconds(20)));
        for (int i = 0; i < 3; i++)
        {
            queue.Get();
            queue.TaskDone();
        }
        Assert.True(queue.Join(TimeSpan.Zero));
    }
}
