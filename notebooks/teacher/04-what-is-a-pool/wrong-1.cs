// The default, four chunks per worker: the 500 long tasks fall into one or two chunks, and one worker runs them alone.
static int ChunksizeForUnevenTasks() => 625;
