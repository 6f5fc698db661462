namespace Course.Tests;

/// <summary>
/// Tests that start the real pinned kernel run one at a time: each kernel takes a core while it starts.
/// The lessons run once for the whole collection, however many test classes look at them.
/// </summary>
[CollectionDefinition("Kernel", DisableParallelization = true)]
public sealed class KernelCollection : ICollectionFixture<LessonRuns>, ICollectionFixture<Jupyter.JupyterLessonRuns>;
