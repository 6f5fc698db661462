using System.Reflection;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>The console's front end, except that it names <paramref name="file"/> as the file of <paramref name="inMemory"/>.</summary>
public sealed class InMemoryLocator(Assembly inMemory, string file) : ConsoleFrontEnd
{
    /// <inheritdoc/>
    public override string? LocateAssembly(Assembly assembly) => assembly == inMemory ? file : null;
}
