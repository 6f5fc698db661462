using System.CommandLine;

namespace Course.Commands;

/// <summary>The course tool's command line: every command, with generated help and checked arguments.</summary>
internal static class CourseCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    /// <returns>The exit code: 0 when the command succeeded, 1 when a notebook failed or the arguments were wrong, 2 for a
    /// problem it explained (a missing kernel, a bad path).</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("The course tool: runs the lessons headless in the pinned kernel, exports them as HTML handouts, installs a safe Jupyter kernel, and writes the students' release.")
        {
            RunCommand.Create(),
            CheckCommand.Create(),
            AppsCommand.Create(),
            HandoutsCommand.Create(),
            InstallKernelCommand.Create(),
            DoctorCommand.Create(),
            KernelCommand.Create(),
            ReleaseCommand.Create(),
            GradeCommand.Create(),
        };
        try
        {
            // Our errors are sentences for the user, not stack traces: they are caught below. Signals are ours too:
            // System.CommandLine would end the process 2 s after Ctrl+C, but the kernel launcher turns SIGINT into a
            // Cancel and lives on, and the runner stops its kernels itself (KernelConnection).
            var settings = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await root.Parse(args).InvokeAsync(settings);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidOperationException or TimeoutException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
