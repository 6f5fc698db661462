using Course.TestSupport;

namespace Multiprocessing.Measurements.Tests;

/// <summary>The Multiprocessing.Measurements assembly's public surface matches PublicApi.txt, so every change to it is deliberate.</summary>
public sealed class PublicApiTests() : PublicApiTest(typeof(Compare).Assembly);
