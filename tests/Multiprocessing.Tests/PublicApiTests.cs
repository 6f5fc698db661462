using Course.TestSupport;

namespace Multiprocessing.Tests;

/// <summary>The Multiprocessing assembly's public surface matches PublicApi.txt, so every change to it is deliberate.</summary>
public sealed class PublicApiTests() : PublicApiTest(typeof(ProcessPool).Assembly);
