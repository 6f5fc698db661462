namespace Multiprocessing.Tests;

/// <summary>StartAll and JoinAll: Python's <c>for p in procs: p.start()</c> and <c>p.join()</c> loops, leaving nothing running.</summary>
public class ChildProcessExtensionsTests
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    const int KilledBySigkill = 137;

    [Fact]
    public void StartAllStartsEveryChildAndJoinAllWaitsForEachAndReleasesIt()
    {
        using var numbers = new SharedArray<int>([2, 3, 4]);
        var children = Enumerable.Range(0, 3).Select(i => ChildProcess.Create(Targets.Cube, numbers, i)).ToList();
        children.StartAll();
        Assert.All(children, child => Assert.NotNull(child.Pid));

        Assert.Empty(Bounded.Run(() => children.JoinAll(Bounded.Limit)));
        Assert.Equal([8, 27, 64], numbers.ToArray());
        Assert.All(children, child => Assert.Equal(0, child.ExitCode)); // still readable once released
        Assert.All(children, child => Assert.False(child.IsAlive));
        Assert.Equal(3, children.Select(child => child.Pid).Distinct().Count());
    }

    [Fact]
    public void JoinAllWithoutATimeoutWaitsForTheSlowestChild()
    {
        using var gates = new GateFolder();
        var children = new List<ChildProcess> { new(Targets.DoNothing), new(Targets.WaitForGate, gates.Gate("g"), 0) };
        children.StartAll();
        var joiner = new Thread(() => children.JoinAll()) { IsBackground = true };
        joiner.Start();
        Assert.False(joiner.Join(Short)); // the gated child is still running
        gates.Open("g");
        Assert.True(joiner.Join(Bounded.Limit));
        Assert.All(children, child => Assert.Equal(0, child.ExitCode));
    }

    [Fact]
    public void JoinAllKillsTheChildrenStillRunningAtItsTimeout()
    {
        using var gates = new GateFolder();
        var children = new List<ChildProcess> { new(Targets.DoNothing), new(Targets.WaitForGate, gates.Gate("never"), 0) };
        children.StartAll();
        Assert.True(children[0].Join(Bounded.Limit));

        Assert.Equal(children[1], Assert.Single(Bounded.Run(() => children.JoinAll(Short))));
        Assert.Equal(0, children[0].ExitCode);
        Assert.False(children[1].IsAlive);
        Assert.Equal(KilledBySigkill, children[1].ExitCode);
    }

    [Fact]
    public void StartAllThatFailsPartWayKillsTheChildrenItStarted()
    {
        using var gates = new GateFolder();
        using var alreadyStarted = new ChildProcess(Targets.WaitForGate, gates.Gate("never"), 0);
        alreadyStarted.Start();
        using var fresh = new ChildProcess(Targets.WaitForGate, gates.Gate("never"), 0);

        var error = Assert.Throws<InvalidOperationException>(() => new[] { fresh, alreadyStarted }.StartAll());
        Assert.Contains("already started", error.Message);
        Assert.NotNull(fresh.Pid); // it did start, and was killed
        Assert.False(fresh.IsAlive);
        Assert.Equal(KilledBySigkill, fresh.ExitCode);
        Assert.False(alreadyStarted.IsAlive);
    }

    [Fact]
    public void JoinAllRefusesAChildNeverStartedAtOnceAndLeavesNothingRunning()
    {
        using var gates = new GateFolder();
        var running = new ChildProcess(Targets.WaitForGate, gates.Gate("never"), 0);
        var neverStarted = new ChildProcess(Targets.DoNothing);
        running.Start();

        var error = Assert.Throws<InvalidOperationException>(() => Bounded.Run(() => { new[] { running, neverStarted }.JoinAll(); return 0; }));
        Assert.Contains($"{neverStarted.Name} was never started", error.Message);
        Assert.False(running.IsAlive);
        Assert.Equal(KilledBySigkill, running.ExitCode);
    }

    [Fact]
    public void AnInterruptedJoinAllKillsTheChildrenStillRunning()
    {
        using var gates = new GateFolder();
        var children = new[] { new ChildProcess(Targets.WaitForGate, gates.Gate("never"), 0) };
        children.StartAll();
        Exception? error = null;
        var waiter = new Thread(() =>
        {
            try { children.JoinAll(); }
            catch (Exception e) { error = e; }
        }) { IsBackground = true };
        waiter.Start();
        Assert.False(waiter.Join(Short)); // waiting for the gated child
        waiter.Interrupt();
        Assert.True(waiter.Join(Bounded.Limit));
        Assert.IsType<ThreadInterruptedException>(error);
        Assert.False(children[0].IsAlive);
        Assert.Equal(KilledBySigkill, children[0].ExitCode);
    }

    [Fact]
    public void NullsAndANegativeTimeoutAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => ((IReadOnlyCollection<ChildProcess>)null!).StartAll());
        Assert.Throws<ArgumentNullException>(() => new ChildProcess[] { null! }.JoinAll());
        Assert.Throws<ArgumentOutOfRangeException>(() => Array.Empty<ChildProcess>().JoinAll(TimeSpan.FromSeconds(-2)));
    }
}
