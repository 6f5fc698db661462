namespace ClusterBenchmark;

/// <summary>What the figures run: a tiny function, and the lessons' CPU-heavy one.</summary>
public static class Workloads
{
    public static int Square(int x) => x * x;

    /// <summary>Counts the primes below <paramref name="limit"/> by trial division: pure CPU work.</summary>
    public static int CountPrimes(int limit)
    {
        int count = 0;
        for (int n = 2; n < limit; n++)
        {
            bool prime = true;
            for (int d = 2; d * d <= n; d++)
                if (n % d == 0) { prime = false; break; }
            if (prime) count++;
        }
        return count;
    }
}
