using System.CommandLine;
using Course.Doctor;

namespace Course.Commands;

/// <summary><c>doctor</c>: the setup check a student runs first; one line per item, exit code 1 when a required one fails.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "checks this machine for the lessons: .NET SDK and runtime, the pinned kernel, shared memory, one process start, the cores");
        command.SetAction(_ =>
        {
            Console.OutputEncoding = System.Text.Encoding.UTF8;
            var items = SetupDoctor.Run(item => Console.WriteLine(item));
            int failed = items.Count(i => i.Status == DoctorStatus.Fail);
            Console.WriteLine(failed == 0
                ? "Ready: every required item passes (✓; ! is worth reading but does not stop the lessons)."
                : $"Not ready: fix the {(failed == 1 ? "item" : $"{failed} items")} marked ✗, then run doctor again.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
