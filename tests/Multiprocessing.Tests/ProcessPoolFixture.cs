namespace Multiprocessing.Tests;

/// <summary>
/// One pool of two workers shared by the tests of a class (they run one at a time), so each class pays
/// for starting workers once. Tests that depend on a fresh pool make their own.
/// </summary>
public sealed class ProcessPoolFixture : IDisposable
{
    public ProcessPool Pool { get; } = new(2);

    public void Dispose() => Pool.Dispose();
}
