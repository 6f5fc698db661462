namespace Course.Tests;

/// <summary>Tests that start the real pinned kernel run one at a time: each kernel takes a core while it starts.</summary>
[CollectionDefinition("Kernel", DisableParallelization = true)]
public sealed class KernelCollection;
