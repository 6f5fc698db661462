namespace Multiprocessing.Tests;

/// <summary>A child's argument errors name methods and types as C# writes them, not as the runtime names them (<c>List`1</c>, <c>Int32</c>).</summary>
public class CSharpNamesInErrorsTests
{
    [Fact]
    public void AGenericMethodIsNamedWithItsTypeArguments()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(GenericTargets.Echo<int>, 1, 2));
        Assert.StartsWith("GenericTargets.Echo<int> takes 1 argument(s), but 2 were given.", error.Message);
    }

    [Fact]
    public void AParameterOfAGenericTypeIsNamedAsCSharpWritesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(GenericTargets.Count, "seven"));
        Assert.StartsWith("GenericTargets.Count takes a List<int?> for 'items', but was given a string. Pass a List<int?>.", error.Message);
    }

    [Fact]
    public void ANumberThatDoesNotFitNamesTheTypeByItsKeyword()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(GenericTargets.Echo<byte>, 300));
        Assert.StartsWith("GenericTargets.Echo<byte>: 300 does not fit parameter 'value' of type byte.", error.Message);
    }

    [Fact]
    public void NestedAndArrayTypesAreNamedAsCSharpWritesThem()
    {
        Assert.Equal("Dictionary<string, int[]>", Wire.CSharpName.Of(typeof(Dictionary<string, int[]>)));
        Assert.Equal("Dictionary<string, int>.KeyCollection", Wire.CSharpName.Of(typeof(Dictionary<string, int>.KeyCollection)));
        Assert.Equal("double[,]", Wire.CSharpName.Of(typeof(double[,])));
    }
}

public static class GenericTargets
{
    public static T Echo<T>(T value) => value;

    public static int Count(List<int?> items) => items.Count;
}
