// One end marker for three consumers: the first takes it, the other two wait for one.
static void ProduceFor(SharedQueue<int> queue, int count, int consumers)
{
    for (int i = 1; i <= count; i++) queue.Put(i);
    queue.Put(0);
}
