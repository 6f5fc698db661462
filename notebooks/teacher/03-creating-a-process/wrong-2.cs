// Some writes lost to a race between the children: but no write reaches the parent at all, race or not.
static int[] PredictPlainArrayAfterChildren() => [8, 27, 64, 125, 216, 343, 512, 9, 10, 11, 12, 13, 14, 15, 16];
