using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>Functions the tests run in child processes. Kept apart from the test classes so children load nothing of xunit.</summary>
public static class Targets
{
    public static int Square(int x) => x * x;

    public static int Add(int a, int b) => a + b;

    public static void Cube(SharedArray<int> numbers, int index) => numbers[index] = numbers[index] * numbers[index] * numbers[index];

    public static void Print(string text) => Console.WriteLine(text);

    public static int PrintAndSquare(int x)
    {
        Console.WriteLine($"squaring {x}");
        return x * x;
    }

    // ---- plain values ----

    public static int FortyTwo() => 42;

    public static string Join3(string a, int b, double c) => $"{a}|{b}|{c.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static int Volume(int x, int y, int z) => x * y * z;

    public static string Shout(string text) => text.ToUpperInvariant() + "!";

    public static int LengthOrMinusOne(string? text) => text?.Length ?? -1;

    public static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    public static T Identity<T>(T value) => value;

    public static (int Sum, int Count) SumAndCount(List<int> numbers) => (numbers.Sum(), numbers.Count);

    public static List<int> Range(int start, int count) => Enumerable.Range(start, count).ToList();

    public static int[] Reversed(int[] numbers) => numbers.Reverse().ToArray();

    public static int SumValues(Dictionary<string, int> values) => values.Values.Sum();

    public static (int Sum, int Product) SumAndProduct((int A, int B) pair) => (pair.A + pair.B, pair.A * pair.B);

    // ---- records ----

    public static Point Translate(Point p) => new(p.X + 1, p.Y * 2);

    public static Point MakePoint(int x, int y) => new(x, y);

    public static int LengthSquared(Segment s) => (s.To.X - s.From.X) * (s.To.X - s.From.X) + (s.To.Y - s.From.Y) * (s.To.Y - s.From.Y);

    public static Person Birthday(Person p) => p with { Age = p.Age + 1, Tags = [.. p.Tags, "older"] };

    // ---- processes and timing ----

    /// <summary>The process that ran the task.</summary>
    public static int WorkerPid() => Environment.ProcessId;

    /// <summary>The process that ran item <paramref name="item"/>.</summary>
    public static int PidFor(int item) => Environment.ProcessId;

    /// <summary>A task that takes <paramref name="ms"/> milliseconds and returns it.</summary>
    public static int SleepThenReturn(int ms)
    {
        Thread.Sleep(ms);
        return ms;
    }

    /// <summary>
    /// Lesson 5's nap, which also records when it began on the machine's monotonic clock (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>:
    /// CLOCK_MONOTONIC on Linux, the same in every process): [ms, start timestamp, end timestamp].
    /// </summary>
    public static long[] TimedNap(int ms)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        Thread.Sleep(ms);
        return [ms, start, System.Diagnostics.Stopwatch.GetTimestamp()];
    }

    /// <summary>A task that takes <paramref name="ms"/> milliseconds and returns the process that ran it.</summary>
    public static int SleepThenReturnPid(int ms)
    {
        Thread.Sleep(ms);
        return Environment.ProcessId;
    }

    /// <summary>Returns <see cref="GatedItem.Value"/>, after its gate opens when it has one.</summary>
    public static int Gated(GatedItem item)
    {
        if (item.Gate is { } gate)
            AwaitFile(gate, TimeSpan.FromSeconds(15));
        return item.Value;
    }

    /// <summary>Waits until the test opens the gate, then returns <paramref name="result"/>.</summary>
    public static int WaitForGate(string gate, int result)
    {
        AwaitFile(gate, TimeSpan.FromSeconds(15));
        return result;
    }

    /// <summary>Creates the file <paramref name="path"/> and returns its path.</summary>
    public static string Touch(string path)
    {
        File.WriteAllText(path, "");
        return path;
    }

    /// <summary>Creates <paramref name="mine"/>, then waits for <paramref name="theirs"/>: two such tasks finish only if they run at the same time.</summary>
    public static int Rendezvous(string mine, string theirs)
    {
        File.WriteAllText(mine, "");
        AwaitFile(theirs, TimeSpan.FromSeconds(5));
        return Environment.ProcessId;
    }

    /// <summary>
    /// Creates <paramref name="mine"/> in <paramref name="folder"/>, then waits until it holds <paramref name="count"/> files:
    /// <paramref name="count"/> such tasks finish only if they all run at once, so every worker of a pool that size is ready.
    /// </summary>
    public static int Gather(string folder, string mine, int count)
    {
        File.WriteAllText(Path.Combine(folder, mine), "");
        var clock = Stopwatch.StartNew();
        while (Directory.GetFiles(folder).Length < count)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
                throw new TimeoutException($"Only {Directory.GetFiles(folder).Length} of {count} tasks gathered in {folder} within 15 s.");
            Thread.Sleep(2);
        }
        return Environment.ProcessId;
    }

    /// <summary>
    /// Polls for a file. Throws when the test removed the gate's folder (it gave up) or after <paramref name="timeout"/>,
    /// so a task never hangs a worker for long.
    /// </summary>
    static void AwaitFile(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (!Directory.Exists(Path.GetDirectoryName(path)))
                throw new OperationCanceledException($"The gate folder of {path} was removed.");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{path} did not appear within {timeout.TotalSeconds} s.");
            Thread.Sleep(2);
        }
    }

    // ---- initializer ----

    /// <summary>Set by <see cref="InitWorker"/> in a worker; stays null in the test process.</summary>
    public static string? WorkerTag;

    public static void InitWorker() => WorkerTag = $"initialized in {Environment.ProcessId}";

    public static WorkerInfo ReadWorkerTag(int item) => new(Environment.ProcessId, WorkerTag);

    // ---- child processes ----

    public static void DoNothing() { }

    public static int FailWith(string message) => throw new InvalidOperationException(message);

    public static void Fail() => throw new InvalidOperationException("the target failed on purpose");

    public static void ExitWith(int code) => Environment.Exit(code);

    public static void StorePid(SharedValue<int> slot) => slot.Value = Environment.ProcessId;

    /// <summary>Writes <paramref name="lines"/> lines in small pieces, as fast as it can.</summary>
    public static void PrintInPieces(string tag, int lines)
    {
        for (int i = 0; i < lines; i++)
        {
            Console.Write(tag);
            Console.Write(' ');
            Console.Write(i);
            Console.Write(" of ");
            Console.Write(lines);
            Console.Write(' ');
            Console.Write(new string('.', i % 50));
            Console.WriteLine();
        }
    }

    public static void PrintWithoutNewline(string text) => Console.Write(text);

    /// <summary>Writes a line straight to fd 1, past <see cref="Console.Out"/>, as native code or a child process would; returns 7.</summary>
    public static int WriteRawStdout(string line)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(System.Text.Encoding.Latin1.GetBytes(line + "\n"));
        return 7;
    }

    public static string PrintAndReturn(string text)
    {
        Console.WriteLine(text);
        return text.ToUpperInvariant();
    }

    // ---- shared memory ----

    public static void WriteSquares(SharedArray<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = i * i + 0.5;
    }

    public static void SetValue(SharedValue<long> value, long newValue) => value.Value = newValue;

    public static int CubeAt(SharedArray<int> numbers, int index)
    {
        numbers[index] = numbers[index] * numbers[index] * numbers[index];
        return numbers[index];
    }

    /// <summary>Adds one <paramref name="times"/> times, each a read-modify-write under the lock, slow enough that a missing lock would lose updates.</summary>
    public static void IncrementLocked(SharedValue<int> counter, int times)
    {
        for (int i = 0; i < times; i++)
        {
            using (counter.GetLock().Acquire())
            {
                int value = counter.Value;
                Thread.SpinWait(50);
                counter.Value = value + 1;
            }
        }
    }

    public static int IncrementArrayLocked(SharedArray<int> counter, int times)
    {
        for (int i = 0; i < times; i++)
        {
            using (counter.GetLock().Acquire())
            {
                int value = counter[0];
                Thread.SpinWait(50);
                counter[0] = value + 1;
            }
        }
        return times;
    }

    /// <summary>Marks <paramref name="index"/> as run; <paramref name="extra"/> is there to carry an argument that cannot travel.</summary>
    public static int Mark(SharedArray<int> hits, int index, Func<int, int>? extra)
    {
        hits[index] = 1;
        return index;
    }

    public static long StreamLength(Stream stream) => stream.Length;
}

public sealed record Point(int X, int Y);

public sealed record Segment(Point From, Point To);

public sealed record Person(string Name, int Age, List<string> Tags);

public sealed record WorkerInfo(int Pid, string? Tag);

/// <summary>An item for <see cref="Targets.Gated"/>: its value, and a file to wait for before returning it.</summary>
public sealed record GatedItem(int Value, string? Gate = null);

/// <summary>An instance method, which a child process cannot run.</summary>
public sealed class Adder(int amount)
{
    public int Add(int x) => x + amount;
}
