// Swallows a failed task's error, as if it were late.
static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)
{
    try { return result.Get(timeout); } catch { return fallback; }
}
