// The markers first: every consumer ends at once, and the numbers are left in the queue.
static void ProduceFor(SharedQueue<int> queue, int count, int consumers)
{
    for (int c = 0; c < consumers; c++) queue.Put(0);
    for (int i = 1; i <= count; i++) queue.Put(i);
}
