using Course.Notebooks;

namespace Course.Tests;

/// <summary>
/// Lesson 8 loads the cluster library from its own build folder, where its silo program runs beside Orleans.
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
    public void TheNotebookGlueDoesNotCarryItsOwnCopyOfTheClusterLibrary()
    {
        // The kernel loads the glue from its own build folder (setup.csx). A copy of the cluster library there would be
        // found first, and its silos would start without Orleans beside them.
        var config = Path.GetFileName(NotebookSetup.ClusterFolder);
        var glue = Path.Combine(NotebookSetup.ClusterFolder, "..", "..", "Course.Notebooks", config);
        Assert.True(File.Exists(Path.Combine(glue, "Course.Notebooks.dll")), $"no glue built in {glue}");
        Assert.False(File.Exists(Path.Combine(glue, "Multiprocessing.Cluster.dll")));
    }
}
