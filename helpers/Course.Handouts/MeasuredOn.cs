using System.Globalization;
using Multiprocessing.Measurements;

namespace Course.Handouts;

/// <summary>
/// When and on what the handouts' numbers were measured: the notebooks run in a kernel on this machine,
/// so the tool describes itself with the same <see cref="MachineInfo"/> the lessons use for the kernel's process.
/// </summary>
/// <param name="When">When the export started.</param>
/// <param name="Machine">This machine: "2 cores, Debian GNU/Linux 12 (bookworm), .NET 10.0.12".</param>
/// <param name="Kernel">The pinned notebook kernel's version, or null for a lesson's file-based app.</param>
public sealed record MeasuredOn(DateTimeOffset When, MachineInfo Machine, string? Kernel)
{
    /// <summary>This machine, now, running in the notebook kernel <paramref name="kernel"/> (null: a file-based app).</summary>
    /// <param name="kernel">The kernel's version, or null for a file-based app.</param>
    /// <returns>This machine, now.</returns>
    public static MeasuredOn Now(string? kernel) => new(DateTimeOffset.Now, MachineInfo.Current, kernel);

    /// <summary>"2026-05-01 14:03 UTC".</summary>
    public string Date => When.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>One sentence for a page's footer.</summary>
    public override string ToString() =>
        $"Outputs measured on {Date}, on {Machine}, " +
        (Kernel is null ? "as a .NET file-based app." : $"in the notebook kernel Microsoft.dotnet-interactive {Kernel}.");
}
