// A short counter wraps at 32,767 before it reaches 100,000, so the loop never ends: the check stops it in its workers.
static long SumOfSquares(int n)
{
    long sum = 0;
    for (short i = 1; i <= n; i++) sum += (long)i * i;
    return sum;
}
