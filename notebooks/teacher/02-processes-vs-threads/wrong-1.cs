// No lock: four processes at once lose updates.
static void AddOne(SharedValue<int> counter, int times)
{
    for (int i = 0; i < times; i++) counter.Value += 1;
}
