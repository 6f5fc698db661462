using System.Runtime.CompilerServices;
using Course.TestSupport;

namespace Multiprocessing.Tests;

/// <summary>The Multiprocessing assembly's public surface matches PublicApi.txt, so every change to it is deliberate.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void ThePublicApiIsTheOneCommitted()
    {
        string? difference = PublicApi.Compare(typeof(ProcessPool).Assembly, Snapshot());
        Assert.True(difference is null, difference);
    }

    static string Snapshot([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "PublicApi.txt");
}
