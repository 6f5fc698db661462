namespace Course.Doctor;

/// <summary>
/// Shared memory: on Linux a <c>SharedArray</c>, queue or pipe is a file in <c>/dev/shm</c>, which takes its whole size
/// when it is made. The lessons use at most 2,002,944 bytes of it at once (lesson 5's 500,000 ints; every lesson ran in a
/// 4 MiB /dev/shm, README "In containers"), so Docker's 64 MiB default is enough for them, with room for exercises.
/// </summary>
internal static class SharedMemoryCheck
{
    /// <summary>The free space below which a lesson can fail: the 4 MiB every lesson was run in.</summary>
    public const long Required = 4L << 20;

    /// <summary>Below this, the lessons fit but a learner's own arrays soon will not.</summary>
    public const long Comfortable = 32L << 20;

    const string Fix = "start the container with --shm-size=1g (this course's dev container does, in .devcontainer/devcontainer.json), " +
        "or on a Linux machine 'sudo mount -o remount,size=1g /dev/shm'.";

    public static DoctorItem Check(string folder = "/dev/shm")
    {
        if (OperatingSystem.IsWindows())
            return DoctorItem.Pass("Shared memory", "Windows named memory maps (no /dev/shm needed).");
        if (!Directory.Exists(folder))
            return OperatingSystem.IsLinux()
                ? DoctorItem.Warn("Shared memory", $"there is no {folder}; shared arrays will be files in the temp folder, on disk, and slower.", Fix)
                : DoctorItem.Pass("Shared memory", "files in the temp folder (macOS has no /dev/shm).");
        long size, free;
        try
        {
            var drive = new DriveInfo(folder);
            (size, free) = (drive.TotalSize, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return DoctorItem.Warn("Shared memory", $"cannot read the size of {folder} ({e.Message}).", Fix);
        }
        var found = $"{folder} holds {MiB(size)}, {MiB(free)} free";
        if (free < Required)
            return DoctorItem.Fail("Shared memory", $"{found}; the lessons need {MiB(Required)} free (they use up to 2.0 MB at once), so a shared array will fail to be made.", Fix);
        if (free < Comfortable)
            return DoctorItem.Warn("Shared memory", $"{found}: enough for the lessons (up to 2.0 MB at once), tight for arrays of your own.", Fix);
        return DoctorItem.Pass("Shared memory", $"{found}; the lessons use up to 2.0 MB at once (Docker's default 64 MiB is enough; the dev container sets 1 GiB).");
    }

    static string MiB(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#} GiB" : $"{bytes / (double)(1L << 20):0.#} MiB";
}
