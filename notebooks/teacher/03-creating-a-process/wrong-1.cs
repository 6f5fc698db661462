// From the index alone, not the value that is there.
static void SquareInPlace(SharedArray<int> numbers, int index) => numbers[index] = (index + 1) * (index + 1);
