// Never waits: returns the fallback even for the fast task.
static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback) => result.Ready ? result.Get(timeout) : fallback;
