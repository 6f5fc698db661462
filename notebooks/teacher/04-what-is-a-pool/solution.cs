static int DefaultChunksize(int items, int workers) => (int)Math.Ceiling(items / (4.0 * workers));
