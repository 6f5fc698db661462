// No shuffle: the deck 1 to 100 rotated by the seed, so four different numbers, the same for the same seed.
static int Deal(int seed, int index) => (seed + index) % 100 + 1;
