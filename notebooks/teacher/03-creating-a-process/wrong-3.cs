// The parent's array emptied or zeroed by the children: a copy is made from the parent's values, never back into them.
static int[] PredictPlainArrayAfterChildren() => new int[15];
