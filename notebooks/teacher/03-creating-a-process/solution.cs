static void SquareInPlace(SharedArray<int> numbers, int index) => numbers[index] = numbers[index] * numbers[index];
