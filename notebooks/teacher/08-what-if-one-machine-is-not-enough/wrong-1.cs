// Silos as workers, forgetting that the client counts every core of every silo as a worker.
static int CallsForMap(int items, int silos, int coresPerSilo)
{
    int chunk = (int)Math.Ceiling(items / (4.0 * silos));
    return (int)Math.Ceiling(items / (double)chunk);
}
