static int Deal(int seed, int index)
{
    var cards = Enumerable.Range(1, 100).ToArray();
    new Random(seed).Shuffle(cards);
    return cards[index];
}
