static void ProduceFor(SharedQueue<int> queue, int count, int consumers)
{
    for (int i = 1; i <= count; i++) queue.Put(i);
    for (int c = 0; c < consumers; c++) queue.Put(0);
}
