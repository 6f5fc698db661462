// Chunks per worker, not four chunks per worker.
static int DefaultChunksize(int items, int workers) => (items + workers - 1) / workers;
