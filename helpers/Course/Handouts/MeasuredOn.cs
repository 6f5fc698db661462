using System.Globalization;
using System.Runtime.InteropServices;

namespace Course.Handouts;

/// <summary>
/// When and on what the handouts' numbers were measured: the notebooks run in a kernel on this machine,
/// so the tool describes itself, as the lessons' <c>MachineInfo</c> describes the kernel's process.
/// </summary>
/// <param name="When">When the export started.</param>
/// <param name="Cores">Logical processors, as <see cref="Environment.ProcessorCount"/> reports them.</param>
/// <param name="OS">The operating system, without Linux's kernel build string.</param>
/// <param name="Dotnet">The runtime, as <see cref="RuntimeInformation.FrameworkDescription"/> reports it.</param>
/// <param name="Kernel">The pinned notebook kernel's version.</param>
internal sealed record MeasuredOn(DateTimeOffset When, int Cores, string OS, string Dotnet, string Kernel)
{
    /// <summary>This machine, now.</summary>
    public static MeasuredOn Now() => new(
        DateTimeOffset.Now, Environment.ProcessorCount, RuntimeInformation.OSDescription.Split('#')[0].Trim(),
        RuntimeInformation.FrameworkDescription, PinnedKernel.PinnedVersion());

    /// <summary>"2 cores, Debian GNU/Linux 12 (bookworm), .NET 10.0.12".</summary>
    public string Machine => $"{Cores} {(Cores == 1 ? "core" : "cores")}, {OS}, {Dotnet}";

    /// <summary>"2026-05-01 14:03 UTC".</summary>
    public string Date => When.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>One sentence for a page's footer.</summary>
    public override string ToString() =>
        $"Outputs measured on {Date}, on {Machine}, in the notebook kernel Microsoft.dotnet-interactive {Kernel}.";
}
