static int ChunksizeForUnevenTasks() => 25;
