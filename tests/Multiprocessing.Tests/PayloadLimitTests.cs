using System.Diagnostics;
using Multiprocessing.Wire;

namespace Multiprocessing.Tests;

/// <summary>
/// Fault 5 of issue 13: data past the limit of one message fails at the call or at the result, naming the argument, the
/// size, the limit and the fix, before gigabytes are copied; never as a crashed worker.
/// </summary>
public class PayloadLimitTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    /// <summary>About 300 MB of JSON, from 20 MB of memory: 30 references to one 10-million-character string.</summary>
    static List<string> TooMuch() => Enumerable.Repeat(new string('x', 10_000_000), 30).ToList();

    [Fact]
    public void AnArgumentOverTheLimitFailsAtTheCallNamingItAndTheFix()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.CountStrings, TooMuch()));
        Assert.Contains("'texts'", error.Message);
        Assert.Contains(LimitedBuffer.Limit.ToString("N0"), error.Message);
        Assert.Contains("SharedArray", error.Message);
        Assert.Contains("chunksize", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}"); // 64 s and 10 GB before the limit was checked while writing
        Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(PromiseTargets.CountStrings, TooMuch()));
        Assert.Equal(9, Bounded.Run(() => _pool.Apply(Targets.Square, 3)));
    }

    /// <summary>
    /// Issue 19's "also": one string of 190 million characters was refused with System.Text.Json's "The JSON value of
    /// length 190000000 is too large and not supported", which names no limit. Now the limit is named, for a string
    /// argument, a string inside a list, and a child's argument, and the fix is given.
    /// </summary>
    [Fact]
    public void AStringTooLongForTheJsonWriterNamesTheArgumentTheLimitAndTheFix()
    {
        var huge = new string('y', 190_000_000);
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.LengthOf, huge));
        AssertNamesTheStringLimit(error.Message, "'text'", 190_000_000);
        var inList = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.CountStrings, new List<string> { huge }));
        AssertNamesTheStringLimit(inList.Message, "'texts'", 190_000_000);
        var inChild = Assert.ThrowsAny<ArgumentException>(() => ChildProcess.Create(PromiseTargets.LengthOf, huge));
        AssertNamesTheStringLimit(inChild.Message, "'text'", 190_000_000);
        Assert.Equal(LimitedStringConverter.MaxLength, _pool.Apply(PromiseTargets.LengthOf, huge[..LimitedStringConverter.MaxLength]));
    }

    [Fact]
    public void AResultStringTooLongForTheJsonWriterNamesTheLimitAndTheWorkerLives()
    {
        var pids = _pool.WorkerPids.ToHashSet();
        var error = Assert.Throws<RemoteException>(() => Bounded.Run(() => _pool.Apply(PromiseTargets.ManyCopies, LimitedStringConverter.MaxLength + 1, 1)));
        AssertNamesTheStringLimit(error.Message, "The result", LimitedStringConverter.MaxLength + 1);
        Assert.Equal(pids, _pool.WorkerPids.ToHashSet());
    }

    static void AssertNamesTheStringLimit(string message, string what, int length)
    {
        Assert.Contains(what, message);
        Assert.Contains($"a string of {length:N0} characters", message);
        Assert.Contains($"{LimitedStringConverter.MaxLength:N0}-character limit", message);
        Assert.Contains("SharedArray<char>", message);
    }

    [Fact]
    public void AResultOverTheLimitFailsAtTheResultNamingTheLimitAndTheWorkerLives()
    {
        var pids = _pool.WorkerPids.ToHashSet();
        var error = Assert.Throws<RemoteException>(() => Bounded.Run(() => _pool.Apply(PromiseTargets.ManyCopies, 10_000_000, 30)));
        Assert.Contains("result", error.Message);
        Assert.Contains(LimitedBuffer.Limit.ToString("N0"), error.Message);
        Assert.Equal(pids, _pool.WorkerPids.ToHashSet());
    }
}
