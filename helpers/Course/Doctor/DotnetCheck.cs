namespace Course.Doctor;

/// <summary>
/// The .NET SDK and runtimes. The course (the pinned kernel, the helpers, the lessons' apps; workers follow their parent)
/// is built for .NET 10 and runs on a .NET 10 runtime; global.json accepts any SDK from 10.0.100 on, .NET 11's included, since an 11 SDK builds net10.0.
/// </summary>
internal static class DotnetCheck
{
    const string NetCore = "Microsoft.NETCore.App";
    const string AspNetCore = "Microsoft.AspNetCore.App";

    /// <summary>What to install beside a newer .NET: one runtime download, side by side, the newer one untouched.</summary>
    public const string InstallRuntime10 =
        "install the ASP.NET Core Runtime 10.0 (it includes the .NET Runtime 10.0) beside what you have; both stay usable: " +
        "https://dotnet.microsoft.com/download/dotnet/10.0, or 'winget install Microsoft.DotNet.AspNetCore.10' (Windows), " +
        "'sudo apt-get install aspnetcore-runtime-10.0' (Ubuntu), './dotnet-install.sh --channel 10.0 --runtime aspnetcore' (any OS).";

    public static IEnumerable<DoctorItem> Check(DotnetInstall install, Version running)
    {
        yield return Sdk(install);
        yield return Runtime(install, running);
    }

    static DoctorItem Sdk(DotnetInstall install)
    {
        var accepted = install.Sdks.Where(v => v >= new Version(10, 0, 100)).ToList();
        if (accepted.Count == 0)
            return DoctorItem.Fail(".NET SDK", $"none that global.json accepts (10.0.100 or later); found: {DotnetInstall.List(install.Sdks)}.",
                "install the .NET 10 SDK (or a newer one: global.json accepts .NET 11's too) from https://dotnet.microsoft.com/download.");
        // global.json's rollForward "major": the newest 10.0 SDK when there is one, else the lowest newer major.
        var used = accepted.Where(v => v.Major == DotnetInstall.CourseMajor).DefaultIfEmpty().Max() ?? accepted.Min()!;
        return DoctorItem.Pass(".NET SDK", $"{DotnetInstall.List(install.Sdks)}; the course builds with {DotnetInstall.Show(used)} (global.json takes 10.0.100 or later, .NET 11's included).");
    }

    static DoctorItem Runtime(DotnetInstall install, Version running)
    {
        var core = install.Runtime(NetCore, DotnetInstall.CourseMajor);
        var asp = install.Runtime(AspNetCore, DotnetInstall.CourseMajor);
        var newer = install.Majors(NetCore).Where(m => m > DotnetInstall.CourseMajor).ToList();
        var others = newer.Count > 0 ? $"; .NET {string.Join(", ", newer)} is there too and is not used (the course runs on 10, side by side)" : "";
        if (core is not null && asp is not null)
            return DoctorItem.Pass(".NET runtime", $".NET {DotnetInstall.Show(core)} and ASP.NET Core {DotnetInstall.Show(asp)} for the course and its kernel{others}.");
        if (core is null && newer.Count > 0)
            return DoctorItem.Fail(".NET runtime",
                $"only .NET {string.Join(", ", newer)} is installed (this check runs on {running.ToString(3)}, rolled forward); the pinned kernel " +
                "and the course's projects are built for .NET 10, and .NET starts an app only on its own major version unless told otherwise.",
                InstallRuntime10);
        var missing = core is null ? $"{NetCore} 10.x" : $"{AspNetCore} 10.x (the pinned kernel needs it)";
        return DoctorItem.Fail(".NET runtime", $"{missing} is not installed; found: {Found(install)}.", InstallRuntime10);
    }

    static string Found(DotnetInstall install) =>
        string.Join(", ", install.Runtimes.Select(r => $"{r.Name} {DotnetInstall.Show(r.Version)}").DefaultIfEmpty("no runtime"));
}
