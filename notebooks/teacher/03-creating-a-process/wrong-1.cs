// As with a SharedArray: but each child gets a copy of the int[], sent as JSON, so its write stays in the child.
static int[] PredictPlainArrayAfterChildren() => [8, 27, 64, 125, 216, 343, 512, 729, 1000, 1331, 1728, 2197, 2744, 3375, 4096];
