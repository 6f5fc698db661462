static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)
{
    try { return result.Get(timeout); }
    catch (TimeoutException) { return fallback; }
}
