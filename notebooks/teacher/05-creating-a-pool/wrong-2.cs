// Always waits the whole timeout, even when the result came at once.
static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)
{
    Thread.Sleep(timeout);
    return result.Ready ? result.Get(TimeSpan.Zero) : fallback;
}
