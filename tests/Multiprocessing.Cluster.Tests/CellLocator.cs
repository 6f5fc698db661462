using System.Reflection;
using Multiprocessing.Hosting;

namespace Multiprocessing.Cluster.Tests;

/// <summary>The console's front end, except that it names <paramref name="file"/> as the file of <paramref name="inMemory"/>, as the notebook glue names a cell's.</summary>
public sealed class CellLocator(Assembly inMemory, string file) : ConsoleFrontEnd
{
    /// <inheritdoc/>
    public override string? LocateAssembly(Assembly assembly) => assembly == inMemory ? file : null;
}
