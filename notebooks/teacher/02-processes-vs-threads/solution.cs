static void AddOne(SharedValue<int> counter, int times)
{
    int mine = 0;
    for (int i = 0; i < times; i++) mine += 1;
    using (counter.GetLock().Acquire()) counter.Value += mine;
}
