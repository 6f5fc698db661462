using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 4, what a pool is: the four ways to submit work, and the workers reused.</summary>
public sealed class Lesson04 : LessonUnit
{
    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        ShowsTheFourWaysToSubmitWork(run);
        TheWorkersAreReusedAndTheCostModelUsesThisRunsNumbers(run);
        TheChunksizeChoiceIsJudgedByTheModel(run);
    }

    static void ShowsTheFourWaysToSubmitWork(LessonOutput run)
    {
        Assert.Contains("pool.Apply(Square, 7) = 49", run.Cell("apply-square").Output);
        if (run.IsApp)
            return;
        Assert.Matches(@"The pool started 2 workers: pids \[\d+, \d+\]\. This lesson runs in process \d+\.", run.Cell("worker-pids").Output);
        var async = run.Cell("apply-async").Output;
        Assert.Contains("Just after ApplyAsync: Ready = False", async);
        Assert.Contains("= 64; now Ready = True", async);
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", run.Cell("map-squares").Output);
        var all = run.Cell("async-all").Output;
        Assert.Contains("[1, 4, 9, 16, 25, 36]", all);
        Assert.Matches(@"counted the primes below 20,000 [1-9]\d* times", all);
    }

    static void TheWorkersAreReusedAndTheCostModelUsesThisRunsNumbers(LessonOutput run)
    {
        Assert.Matches(@"\d+ tasks ran on 2 worker processes", run.Cell("tasks").Output);
        AssertChart(run.Cell("tasks"), "Every task this pool ran");
        AssertChart(run.Cell("chart-reuse"), "Process per task");
        if (run.IsApp)
            return;
        Assert.Matches(@"\d+ tasks ran on 2 worker processes, carrying \d+ calls: Map's 10 items travelled as 5 chunks of 2", run.Cell("tasks").Output);
        Assert.Matches(@"\d+ tasks, each counting the primes below [\d,]+\. A fresh pool of \d+ workers, from creation to its answers: median \d+ ms", run.Cell("startups").Output);
        // The cost model's numbers are this run's, and the pool against a process per task is held to the spread.
        var model = run.Cell("cost-model").Output;
        Assert.Matches(@"One task took about [\d.]+ ms in the loop", model);
        Assert.Matches(@"Cost model: a pool = start-up once \+ work / workers = \d+ \+ \d+ / \d+ = \d+ ms, .*A process per task = tasks / workers × start-up \+ work / workers = \d+ / \d+ × \d+ \+ \d+ = \d+ ms \(measured: \d+ ms\)", model);
        Assert.Matches("beat a new process per task in every run|beat the warm pool in every run|overlapped within their spread", model);
    }

    // The choice, judged by the model: the default and a chunksize of 1 both lose, each with its reason; 25 wins.
    static void TheChunksizeChoiceIsJudgedByTheModel(LessonOutput run)
    {
        AssertExercise(run);
        if (run.IsApp)
            return;
        var wrong = run.Exercise.Wrong;
        Assert.Contains("the default (625) takes 2702 ms, so the bar is 1351 ms. Big chunks", wrong[0]);
        Assert.Contains("with a chunksize of 1, the model's map takes 2113 ms", wrong[1]);
        Assert.Contains("Small chunks", wrong[1]);
        Assert.Contains("a chunksize of 25: the model's map takes 913 ms against the default's 2702 ms", run.Exercise.Solved);
        Assert.Contains("a real pool sent 10,000 items as 400 tasks of up to 25", run.Exercise.Solved);
    }
}
