using System.Text.RegularExpressions;

namespace Multiprocessing.Tests;

/// <summary>Tests that redirect <see cref="Console.Out"/>; they must not run beside tests whose children print.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>A child's console lines reach this process's <see cref="Console.Out"/>, as a Python child's print reaches the terminal.</summary>
[Collection("Console")]
public class ConsoleOutputTests
{
    [Fact]
    public void AChildsLinesReachTheParentsConsoleOut()
    {
        var output = Capture(() =>
        {
            using var child = new ChildProcess(Targets.Print, "hello from the child");
            child.Start();
            Assert.True(child.Join(Bounded.Limit));
            Assert.Equal(0, child.ExitCode);
        });
        Assert.Equal(["hello from the child"], Lines(output));
    }

    [Fact]
    public void ALastLineWithoutANewlineIsPrintedWhenTheChildEnds()
    {
        var output = Capture(() =>
        {
            using var child = new ChildProcess(Targets.PrintWithoutNewline, "no newline at the end");
            child.Start();
            Assert.True(child.Join(Bounded.Limit));
        });
        Assert.Equal("no newline at the end", output);
    }

    [Fact]
    public void LinesWrittenInPiecesByTwoChildrenAtOnceArriveWholeAndInOrder()
    {
        const int lines = 400;
        var output = Capture(() =>
        {
            using var a = new ChildProcess(Targets.PrintInPieces, "A", lines);
            using var b = new ChildProcess(Targets.PrintInPieces, "B", lines);
            a.Start();
            b.Start();
            Assert.True(a.Join(Bounded.Limit));
            Assert.True(b.Join(Bounded.Limit));
        });
        var all = Lines(output);
        Assert.Equal(2 * lines, all.Count);
        var wellFormed = new Regex(@"^(?<tag>[AB]) (?<i>\d+) of 400 (?<dots>\.*)$");
        var byTag = new Dictionary<string, List<int>> { ["A"] = [], ["B"] = [] };
        foreach (var line in all)
        {
            var match = wellFormed.Match(line);
            Assert.True(match.Success, $"A line was cut or mixed with another: '{line}'");
            int i = int.Parse(match.Groups["i"].Value);
            Assert.Equal(i % 50, match.Groups["dots"].Length);
            byTag[match.Groups["tag"].Value].Add(i);
        }
        Assert.Equal(Enumerable.Range(0, lines), byTag["A"]);
        Assert.Equal(Enumerable.Range(0, lines), byTag["B"]);
    }

    [Fact]
    public void APoolTasksOutputIsPrintedBeforeItsResultArrives()
    {
        var output = Capture(() =>
        {
            using var pool = new ProcessPool(1);
            Assert.Equal("PRINTED IN A WORKER", Bounded.Run(() => pool.Apply(Targets.PrintAndReturn, "printed in a worker")));
            // Read now, while the pool is still running: the line came before the result.
            lock (Console.Out)
                Assert.Contains("printed in a worker", CurrentCapture!.ToString());
            Assert.Equal(["x", "y"], Bounded.Run(() => pool.Map(Targets.PrintAndReturn, ["x", "y"]))
                .Select(s => s.ToLowerInvariant()));
        });
        Assert.Equal(["printed in a worker", "x", "y"], Lines(output).Order());
    }

    [Fact]
    public void BytesATaskWritesToItsRawStdoutArePrintedAndLeaveTheProtocolWhole()
    {
        // fd 1 is an ordinary stream the parent copies; the protocol has pipes of its own, so frame-like bytes there
        // (here a length of 2^31 - 1 and a Result kind) are only printed.
        var output = Capture(() =>
        {
            using var pool = new ProcessPool(1);
            Assert.Equal([7, 7], Bounded.Run(() => pool.Map(Targets.WriteRawStdout, ["\xff\xff\xff\x7f\x0b raw line", "second raw line"])));
            Assert.Equal(4, Bounded.Run(() => pool.Apply(Targets.Square, 2)));
        });
        Assert.Contains("second raw line", output);
        Assert.Contains(" raw line", output);
    }

    [Fact]
    public async Task PoolOutputIsWrittenUnderTheContextOfTheCallThatAskedForTheWork()
    {
        // A notebook kernel routes Console by async context, one writer per cell. The pool is created
        // in one "cell" and used in another: the output belongs to the second.
        await WithRoutedConsole(async routed =>
        {
            var creatingCell = new StringWriter();
            var usingCell = new StringWriter();
            ProcessPool pool = await Task.Run(() =>
            {
                routed.Current.Value = creatingCell;
                var created = new ProcessPool(2);
                created.Apply(Targets.FortyTwo); // workers are running, their reader threads started here
                return created;
            });
            using (pool)
            {
                var squares = await Task.Run(() =>
                {
                    routed.Current.Value = usingCell;
                    return pool.Map(Targets.PrintAndSquare, [1, 2, 3]);
                });
                Assert.Equal([1, 4, 9], squares);
            }
            Assert.Equal(["squaring 1", "squaring 2", "squaring 3"], Lines(usingCell.ToString()).Order());
            Assert.Equal("", creatingCell.ToString());
        });
    }

    [Fact]
    public async Task AChildsOutputIsWrittenUnderTheContextThatStartedIt()
    {
        await WithRoutedConsole(async routed =>
        {
            var startingCell = new StringWriter();
            await Task.Run(() =>
            {
                routed.Current.Value = startingCell;
                using var child = new ChildProcess(Targets.Print, "from the child");
                child.Start();
                Assert.True(child.Join(Bounded.Limit));
            });
            Assert.Equal(["from the child"], Lines(startingCell.ToString()));
            Assert.Equal("", routed.Unrouted.ToString());
        });
    }

    /// <summary>Runs <paramref name="test"/> with <see cref="Console.Out"/> routed by async context, then restores it.</summary>
    static async Task WithRoutedConsole(Func<ContextRoutedWriter, Task> test)
    {
        var original = Console.Out;
        var routed = new ContextRoutedWriter();
        Console.SetOut(routed);
        try
        {
            await test(routed);
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>Writes to the writer of the current async context, as the kernel's MultiplexingTextWriter does.</summary>
    sealed class ContextRoutedWriter : TextWriter
    {
        public AsyncLocal<StringWriter?> Current { get; } = new();
        public StringWriter Unrouted { get; } = new();
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        TextWriter Target => Current.Value ?? Unrouted;
        public override void Write(char value) { lock (this) Target.Write(value); }
        public override void Write(string? value) { lock (this) Target.Write(value); }
    }

    static StringWriter? CurrentCapture;

    static string Capture(Action action)
    {
        var original = Console.Out;
        var writer = new StringWriter();
        CurrentCapture = writer;
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(original);
            CurrentCapture = null;
        }
        return writer.ToString();
    }

    static List<string> Lines(string output)
    {
        Assert.EndsWith("\n", output);
        return output.Split('\n')[..^1].ToList();
    }
}
