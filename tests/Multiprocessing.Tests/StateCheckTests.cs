namespace Multiprocessing.Tests;

/// <summary>
/// Fault 3 of issue 13: a type whose state JSON cannot see would arrive as a different value with no error. It is refused
/// before any process runs, in either direction, naming the type, the member and the fix.
/// </summary>
public class StateCheckTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void TheIssuesTallyIsRefusedAtTheCallNamingTypeMemberAndFix()
    {
        var tally = new Tally();
        tally.Add(5);
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.CountOf, tally));
        Assert.Contains("Tally", error.Message);
        Assert.Contains("_count", error.Message);
        Assert.Contains("record", error.Message);
        Assert.Contains("[JsonInclude]", error.Message);
        Assert.Contains("'tally'", error.Message);
        Assert.ThrowsAny<ArgumentException>(() => _pool.Map(PromiseTargets.CountOf, [tally]));
        Assert.ThrowsAny<ArgumentException>(() => _pool.Imap(PromiseTargets.CountOf, [tally]));
        Assert.ThrowsAny<ArgumentException>(() => ChildProcess.Create(PromiseTargets.CountOf, tally));
    }

    [Fact]
    public void AResultTypeThatWouldArriveAsADefaultIsRefusedBeforeTheTaskRuns()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.MakeTally, 5));
        Assert.Contains("The result", error.Message);
        Assert.Contains("_count", error.Message);
    }

    [Fact]
    public void HiddenStateIsFoundInsideCollectionsAndRecords()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.Total, new Basket([new Tally()])));
        Assert.Contains("Tally", error.Message);
        Assert.Contains("Basket", error.Message);
    }

    [Fact]
    public void OtherKindsOfHiddenStateAreRefusedToo()
    {
        // a captured primary-constructor parameter
        Assert.Contains("amount", Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.Amount, new Wallet(3))).Message);
        // a private setter: written, but not read back
        Assert.Contains("Visible", Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.Hidden, Secretive.Of(4))).Message);
        Assert.Contains("Visible", Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(PromiseTargets.Hidden, Secretive.Of(4))).Message);
        // a derived class passed for its base type would arrive as the base type
        var derived = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(PromiseTargets.Animal, new Dog { Legs = 4, Name = "Rex" }));
        Assert.Contains("Dog", derived.Message);
        Assert.Contains("Animal", derived.Message);
    }

    [Fact]
    public void TypesWhoseStateTravelsStillTravel()
    {
        var counted = new CountedWithInclude();
        counted.Add(6);
        Assert.Equal(6, Bounded.Run(() => _pool.Apply(PromiseTargets.Counted, counted)));
        Assert.Equal(4, Bounded.Run(() => _pool.Apply(PromiseTargets.Animal, new Animal { Legs = 4 })));
        Assert.Equal(new Point(2, 4), Bounded.Run(() => _pool.Apply(Targets.Translate, new Point(1, 2))));
        Assert.Equal(12, Bounded.Run(() => _pool.Apply(Targets.SumValues, new Dictionary<string, int> { ["a"] = 5, ["b"] = 7 })));
        Assert.Equal((3, 2), Bounded.Run(() => _pool.Apply(Targets.SumAndProduct, (1, 2))));
    }
}
