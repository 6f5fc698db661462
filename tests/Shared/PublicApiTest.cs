using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace Course.TestSupport;

/// <summary>
/// The snapshot test every library test project runs: <paramref name="assembly"/>'s public surface matches the
/// <c>PublicApi.txt</c> beside the subclass's file, so every change to it is deliberate. On a difference it fails,
/// writes <c>PublicApi.received.txt</c> and prints the <c>mv</c> that accepts it (<see cref="PublicApi.Compare"/>).
/// A project declares it in one line: <c>public sealed class PublicApiTests() : PublicApiTest(typeof(SomeType).Assembly);</c>
/// </summary>
/// <param name="assembly">The assembly whose surface is snapshotted.</param>
/// <param name="subclassFile">Filled in by the compiler: the subclass's file, beside which the snapshot lives.</param>
public abstract class PublicApiTest(Assembly assembly, [CallerFilePath] string subclassFile = "")
{
    [Fact]
    public void ThePublicApiIsTheOneCommitted()
    {
        string? difference = PublicApi.Compare(assembly, Path.Combine(Path.GetDirectoryName(subclassFile)!, "PublicApi.txt"));
        Assert.True(difference is null, difference);
    }
}
