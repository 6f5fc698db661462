using Multiprocessing.Notebooks;

namespace Course.Tests;

/// <summary>
/// Lesson 7 loads the cluster library from its own build folder, where its silo program runs beside Orleans.
/// Lesson7MapsOnAPoolAndAClusterAndSurvivesAKilledSilo checks that Orleans then runs in the pinned kernel.
/// </summary>
public class ClusterFolderTests
{
    [Fact]
    public void TheClusterFolderHoldsTheSiloProgramItsRuntimeConfigAndOrleans()
    {
        var folder = NotebookSetup.ClusterFolder;
        Assert.True(File.Exists(Path.Combine(folder, "Multiprocessing.Cluster.dll")), $"no Multiprocessing.Cluster.dll in {folder}");
        Assert.True(File.Exists(Path.Combine(folder, "Multiprocessing.Cluster.runtimeconfig.json")), $"no silo runtime config in {folder}");
        Assert.True(File.Exists(Path.Combine(folder, "Orleans.Runtime.dll")), $"no Orleans in {folder}");
    }

    [Fact]
    public void TheNotebookGlueDoesNotCarryItsOwnCopyOfTheClusterLibrary() =>
        // A copy beside the glue would be found first, and its silos would start without Orleans beside them.
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(typeof(NotebookSetup).Assembly.Location)!, "Orleans.Runtime.dll")));
}
