namespace Multiprocessing.Tests;

/// <summary>
/// Fault 4 of issue 13: reporting a task's failure never fails. Whatever member of the exception throws, the caller gets a
/// RemoteException with the type and what could be read, the worker lives on, and a child exits with 1.
/// </summary>
public class FailureReportTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void AnExceptionWhoseMessageThrowsComesBackAsARemoteException()
    {
        var pids = _pool.WorkerPids.ToHashSet();
        var error = Assert.Throws<RemoteException>(() => Bounded.Run(() => _pool.Apply(PromiseTargets.ThrowBadMessage, 1)));
        Assert.Equal(typeof(BadMessageException).FullName, error.RemoteType);
        Assert.Contains("Message threw", error.RemoteMessage);
        Assert.Equal(pids, _pool.WorkerPids.ToHashSet()); // no worker died
    }

    [Fact]
    public void AnExceptionWhoseToStringThrowsStillBringsItsMessageAndTrace()
    {
        var error = Assert.Throws<RemoteException>(() => Bounded.Run(() => _pool.Apply(PromiseTargets.ThrowBadToString, 1)));
        Assert.Equal("a message that can be read", error.RemoteMessage);
        Assert.Contains(nameof(PromiseTargets.ThrowBadToString), error.RemoteStackTrace);
    }

    [Fact]
    public void AnExceptionWhoseEveryMemberThrowsStillNamesItsTypeAndInnerException()
    {
        var error = Assert.Throws<RemoteException>(() => Bounded.Run(() => _pool.Map(PromiseTargets.ThrowBadEverything, [1, 2])));
        Assert.Equal(typeof(BadEverythingException).FullName, error.RemoteType);
        Assert.Contains(nameof(BadMessageException), error.RemoteStackTrace);
        Assert.Equal(4, Bounded.Run(() => _pool.Apply(Targets.Square, 2)));
    }

    [Fact]
    public void AChildWhoseTargetThrowsSuchAnExceptionExitsWithOne()
    {
        using var child = new ChildProcess(PromiseTargets.ThrowBadMessageInChild);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(1, child.ExitCode);
    }
}
