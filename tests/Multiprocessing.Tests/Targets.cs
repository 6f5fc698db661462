namespace Multiprocessing.Tests;

/// <summary>Functions the tests run in child processes. Kept apart from the test classes so children load nothing of xunit.</summary>
public static class Targets
{
    public static int Square(int x) => x * x;

    public static int Add(int a, int b) => a + b;

    public static void Cube(SharedArray<int> numbers, int index) => numbers[index] = numbers[index] * numbers[index] * numbers[index];

    public static void Print(string text) => Console.WriteLine(text);
}
