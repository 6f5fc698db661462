using System.Text.Json.Serialization;

namespace Multiprocessing.Tests;

/// <summary>Functions and types for the tests of the library's promises (issue 13): one small input per kind of fault.</summary>
public static class PromiseTargets
{
    public static int Twice(int x) => 2 * x;

    public static int FailOn(int x) => x == 3 ? throw new InvalidOperationException("three") : x;

    public static int CountOf(Tally tally) => tally.Count;

    public static Tally MakeTally(int n)
    {
        var tally = new Tally();
        tally.Add(n);
        return tally;
    }

    public static int Total(Basket basket) => basket.Tallies.Sum(t => t.Count);

    public static int Amount(Wallet wallet) => wallet.Doubled;

    public static int Hidden(Secretive value) => value.Visible;

    public static int Animal(Animal animal) => animal.Legs;

    public static int Counted(CountedWithInclude value) => value.Count;

    public static int ThrowBadMessage(int _) => throw new BadMessageException();

    public static int ThrowBadToString(int _) => throw new BadToStringException();

    public static int ThrowBadEverything(int _) => throw new BadEverythingException(new BadMessageException());

    public static void ThrowBadMessageInChild() => throw new BadMessageException();

    public static int LengthOf(string text) => text.Length;

    /// <summary>Counts a run of item <paramref name="index"/>, then takes 0 to 9 ms, unevenly.</summary>
    public static int HitAndNap(SharedArray<int> hits, int index)
    {
        using (hits.GetLock().Acquire())
            hits[index]++;
        Thread.Sleep(index * 7 % 10); // uneven work, not synchronisation
        return index;
    }

    /// <summary>Waits for the test to open <paramref name="gate"/>, then returns the process that ran it.</summary>
    public static int PidAfterGate(string gate) => Targets.WaitForGate(gate, Environment.ProcessId);

    public static int CountStrings(List<string> texts) => texts.Count;

    /// <summary>A result of <paramref name="copies"/> references to one string of <paramref name="length"/> characters.</summary>
    public static List<string> ManyCopies(int length, int copies) => Enumerable.Repeat(new string('x', length), copies).ToList();

    /// <summary>Leaks a shared array (its file in /dev/shm), says it is ready through <paramref name="ready"/>, then waits to be signalled.</summary>
    public static void LeakAndWait(SharedValue<int> ready)
    {
        var leaked = new SharedArray<int>(1024);
        leaked[0] = 1;
        ready.Value = Environment.ProcessId;
        Thread.Sleep(Timeout.Infinite);
    }
}

/// <summary>The example: its state is a private field that JSON cannot see.</summary>
public sealed class Tally
{
    private int _count;
    public void Add(int n) => _count += n;
    public int Count => _count;
}

public sealed record Basket(List<Tally> Tallies);

/// <summary>A primary constructor's parameter kept in a hidden field.</summary>
public sealed class Wallet(int amount)
{
    public int Doubled => 2 * amount;
}

/// <summary>A property with a private setter: written to JSON but not read back.</summary>
public sealed class Secretive
{
    public int Visible { get; private set; }
    public static Secretive Of(int value) => new() { Visible = value };
}

public class Animal
{
    public int Legs { get; set; }
}

public sealed class Dog : Animal
{
    public string Name { get; set; } = "";
}

/// <summary>Private state JSON can see, through [JsonInclude]: it travels.</summary>
public sealed class CountedWithInclude
{
    [JsonInclude] private int _count;
    [JsonIgnore] public int Count => _count;
    public void Add(int n) => _count += n;
}

public sealed class BadMessageException : Exception
{
    public override string Message => throw new InvalidOperationException("Message getter failed");
}

public sealed class BadToStringException : Exception
{
    public BadToStringException() : base("a message that can be read") { }
    public override string ToString() => throw new InvalidOperationException("ToString failed");
}

public sealed class BadEverythingException(Exception inner) : Exception("outer", inner)
{
    public override string Message => throw new InvalidOperationException("Message getter failed");
    public override string ToString() => throw new InvalidOperationException("ToString failed");
    public override string? StackTrace => throw new InvalidOperationException("StackTrace failed");
}
