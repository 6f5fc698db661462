static int CallsForMap(int items, int silos, int coresPerSilo)
{
    int chunk = (int)Math.Ceiling(items / (4.0 * silos * coresPerSilo));
    return (int)Math.Ceiling(items / (double)chunk);
}
