// i * i overflows int once i passes 46,340.
static long SumOfSquares(int n)
{
    long sum = 0;
    for (int i = 1; i <= n; i++) sum += i * i;
    return sum;
}
