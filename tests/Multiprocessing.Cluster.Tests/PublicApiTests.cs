using Course.TestSupport;

namespace Multiprocessing.Cluster.Tests;

/// <summary>The Multiprocessing.Cluster assembly's public surface matches PublicApi.txt, so every change to it is deliberate.</summary>
public sealed class PublicApiTests() : PublicApiTest(typeof(LocalCluster).Assembly);
