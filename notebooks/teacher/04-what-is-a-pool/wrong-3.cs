// One chunk per worker: the fewest round trips, and the last worker gets all 500 long tasks.
static int ChunksizeForUnevenTasks() => 2_500;
