using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 7, processes that talk: messages pass, a deadlock is shown and cured, and adding locally wins.</summary>
public sealed class Lesson07 : LessonUnit
{
    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        PassesMessagesThroughAQueueAndAPipe(run);
        DeadlocksAndCuresIt(run);
        AddsLocally(run);
        AssertExercise(run);
        // One marker for three consumers: two of them wait for one that never comes.
        if (!run.IsApp)
            Assert.Contains("2 of 3 consumers gave up waiting for a marker", run.Exercise.Wrong[0]);
    }

    static void PassesMessagesThroughAQueueAndAPipe(LessonOutput run)
    {
        var pair = run.Cell("producer-consumer").Output;
        Assert.Contains("took 10,000 numbers summing to 50,005,000", pair);
        // Joined before draining: the child ends when its items fit the buffer, and waits in Put when they do not.
        var drain = run.Cell("join-before-draining").Output;
        Assert.Contains("1,048,576-byte buffer: Join returned before any Get; the child had ended (exit code 0)", drain);
        Assert.Contains("4,096-byte buffer: after 1 s, Join gave up. The child is still alive", drain);
        var pipe = run.Cell("pipe").Output;
        Assert.Contains("Both sums are 5,000,050,000: the same.", pipe);
        if (run.IsApp)
            return;
        var producer = Regex.Match(pair, @"The producer, process (\d+)").Groups[1].Value;
        var consumer = Regex.Match(pair, @"The consumer, process (\d+)").Groups[1].Value;
        Assert.True(producer.Length > 0 && consumer.Length > 0 && producer != consumer, pair);
        Assert.Contains("1,048,576-byte buffer: Join returned before any Get; the child had ended (exit code 0), its 10,000 numbers waiting in the queue.", drain);
        Assert.Contains("4,096-byte buffer: after 1 s, Join gave up. The child is still alive: its Put waits for room", drain);
        Assert.Contains("After this notebook took all 10,000, Join returned True", drain);
        Assert.Contains("The server ended when the pipe closed: Join returned True, exit code 0.", pipe);
        var copiedMs = Number(Regex.Match(pipe, @"through the pipe and summed: median ([\d.]+) ms").Groups[1].Value);
        var mappedMs = Number(Regex.Match(pipe, @"only the request sent: median ([\d.]+) ms").Groups[1].Value);
        Assert.True(copiedMs > 0 && mappedMs > 0, pipe);
        Assert.Matches(@"Copying cost about [\d.]+ ms a round trip|shared array was slower, beyond the spread|overlapped within their spread", pipe);
    }

    static void DeadlocksAndCuresIt(LessonOutput run)
    {
        var deadlock = run.Cell("deadlock").Output;
        Assert.Equal(2, Regex.Matches(deadlock, @"process \d+ held account \d's lock, waited 1 s for account \d's, and gave up").Count);
        var cured = run.Cell("deadlock-cured").Output;
        Assert.Equal(2, Regex.Matches(cured, @"process \d+ took account 1's lock, then account 2's, and moved 10").Count);
        AssertChart(run.Cell("chart-transfers"), "Two transfers");
        if (run.IsApp)
            return;
        Assert.Contains("Balances: account 1 100, account 2 100. Neither transfer happened.", deadlock);
        Assert.Contains("Balances: account 1 100, account 2 100; total 200, as before.", cured);
    }

    static void AddsLocally(LessonOutput run)
    {
        var adding = run.Cell("add-locally").Output;
        Assert.Contains("Both designs counted 2 × 200,000 = 400,000 every time: True.", adding);
        if (!run.IsApp)
            Assert.Matches(@"Adding locally was \d+× faster, beyond the spread|lock per addition was faster, beyond the spread|overlapped within their spread", adding);
    }
}
