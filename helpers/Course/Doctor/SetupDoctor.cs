using Multiprocessing;

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

        var install = DotnetInstall.Read(DotnetHost.Path);
        foreach (var item in DotnetCheck.Check(install, Environment.Version))
            Add(item);
        foreach (var item in KernelCheck.Check(install))
            Add(item);
        Add(SharedMemoryCheck.Check());
        Add(ProcessStartCheck.Check());
        Add(CoreCountCheck.Check());
        return items;
    }
}
