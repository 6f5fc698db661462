using System.Diagnostics;

namespace Multiprocessing.Cluster.Tests;

/// <summary>Functions the tests send to silos.</summary>
public static class ClusterTargets
{
    public static int Square(int x) => x * x;

    public static int Pid(int _) => Environment.ProcessId;

    public static int Fail(int x) => throw new InvalidOperationException($"item {x} failed on purpose");

    public const string CarriedSwitch = "Multiprocessing.Cluster.Tests.CarriedSwitch";

    public static string Ask(int _) => Console.ReadLine() ?? "<eof>";

    /// <summary>What a process computes that depends on its culture and runtime properties.</summary>
    public static string Describe(int _) =>
        $"{System.Globalization.CultureInfo.CurrentCulture.Name} {System.Globalization.CultureInfo.CurrentUICulture.Name} {"i".ToUpper()} {1.5} " +
        $"{AppContext.TryGetSwitch(CarriedSwitch, out var on) && on}";

    public static string Shout(Word word) => word.Text.ToUpperInvariant() + new string('!', word.Marks);

    public static int LengthOf(string text) => text.Length;

    public static string Text(int length) => new('x', length);

    public static byte[] Echo(byte[] bytes) => bytes;

    public static byte[] Zeros(int length) => new byte[length];

    /// <summary>
    /// Writes <c>started-{pid}-{i}</c> in the gate folder, then waits, at most 15 s, for its <c>release</c> gate:
    /// the test sees which silo holds which call, and decides when calls finish.
    /// </summary>
    public static int Hold(string item)
    {
        var (folder, i) = (item[..item.LastIndexOf('|')], int.Parse(item[(item.LastIndexOf('|') + 1)..]));
        File.WriteAllText(Path.Combine(folder, $"started-{Environment.ProcessId}-{i}"), "");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(folder, "release")))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15) || !Directory.Exists(folder))
                throw new TimeoutException("The release gate did not open within 15 s.");
            Thread.Sleep(2);
        }
        return i;
    }
}

public sealed record Word(string Text, int Marks);
