// Numbers from 0: the first number is taken for a marker, and a marker is left over.
static void ProduceFor(SharedQueue<int> queue, int count, int consumers)
{
    for (int i = 0; i < count; i++) queue.Put(i);
    for (int c = 0; c < consumers; c++) queue.Put(0);
}
