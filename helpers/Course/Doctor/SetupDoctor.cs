using Multiprocessing;
using Multiprocessing.Hosting;

namespace Course.Doctor;

/// <summary>Equivalent of a pre-flight checklist: every item the lessons need, checked on this machine, one line each.</summary>
internal static class SetupDoctor
{
    /// <summary>Checks every item in order, handing each line to <paramref name="write"/> as it is known.</summary>
    /// <returns>The items, in the order printed.</returns>
    public static IReadOnlyList<DoctorItem> Run(Action<DoctorItem> write)
    {
        var items = new List<DoctorItem>();
        void Add(DoctorItem item)
        {
            items.Add(item);
            write(item);
        }

        var install = DotnetInstall.Read(InvokedHost());
        foreach (var item in DotnetCheck.Check(install, Environment.Version))
            Add(item);
        foreach (var item in KernelCheck.Check(install))
            Add(item);
        Add(SharedMemoryCheck.Check());
        Add(ProcessStartCheck.Check());
        Add(CoreCountCheck.Check());
        return items;
    }

    /// <summary>
    /// The <c>dotnet</c> the student typed, when this process is <c>dotnet Course.dll</c>; else (an apphost, as under
    /// <c>dotnet run</c>) the host of the runtime this runs on. The runtime's own folder is not enough: the host resolves
    /// links, so a runtime linked into another .NET root reports the folder it links to.
    /// </summary>
    static string InvokedHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : DotnetHost.Path;
}
