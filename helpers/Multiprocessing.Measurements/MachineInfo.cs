using System.Runtime.InteropServices;

namespace Multiprocessing.Measurements;

/// <summary>The machine a measurement ran on; timings mean little without it.</summary>
/// <param name="Cores">Logical processors, as <see cref="Environment.ProcessorCount"/> reports them.</param>
/// <param name="OS">The operating system, as <see cref="RuntimeInformation.OSDescription"/> reports it.</param>
/// <param name="Dotnet">The runtime, as <see cref="RuntimeInformation.FrameworkDescription"/> reports it.</param>
public sealed record MachineInfo(int Cores, string OS, string Dotnet)
{
    /// <summary>This machine, now.</summary>
    public static MachineInfo Current => new(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    /// <summary>One line such as "2 cores, Linux 6.8.0, .NET 10.0.1".</summary>
    public override string ToString() => $"{Cores} {(Cores == 1 ? "core" : "cores")}, {ShortOS}, {Dotnet}";

    // Linux appends the kernel's build string ("#17-Ubuntu SMP ..."), which only clutters a caption.
    string ShortOS => OS.Split('#')[0].Trim();
}
