using Multiprocessing;

namespace ContainerProgram;

/// <summary>What the program's children and workers run.</summary>
public static class Targets
{
    public static int Sum(SharedArray<int> numbers) => numbers.ToArray().Sum();

    public static void Double(SharedArray<int> numbers) => numbers[0] *= 2;

    /// <summary>Makes a shared array of <paramref name="size"/> bytes, writes every byte, and returns their sum.</summary>
    public static long MakeAndFill(int size)
    {
        using var bytes = new SharedArray<byte>(size, withLock: false);
        return Fill(bytes);
    }

    public static void MakeAndFillInChild(int size) => MakeAndFill(size);

    /// <summary>Writes 1 in every byte of <paramref name="bytes"/>, which another process made, touching each page.</summary>
    public static void FillShared(SharedArray<byte> bytes) => bytes.AsSpan().Fill(1);

    public static long Fill(SharedArray<byte> bytes)
    {
        bytes.AsSpan().Fill(1);
        long sum = 0;
        foreach (var b in bytes.AsSpan())
            sum += b;
        return sum;
    }
}
