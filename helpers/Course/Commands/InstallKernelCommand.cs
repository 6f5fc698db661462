using System.CommandLine;
using Course.Jupyter;

namespace Course.Commands;

/// <summary><c>install-kernel [--path DIR]</c>: the course's safe Jupyter kernelspec, <c>.net-csharp</c>.</summary>
internal static class InstallKernelCommand
{
    public static Command Create()
    {
        var path = new Option<DirectoryInfo?>("--path")
        {
            Description = $"the kernels folder to write into (default: Jupyter's, {JupyterFolders.Kernels()})",
            HelpName = "DIR",
        };
        var command = new Command("install-kernel", "registers the pinned kernel with Jupyter as '.NET (C#)', with its HTTP API on a private Unix socket")
        {
            path,
        };
        command.SetAction(parsed =>
        {
            var kernels = parsed.GetValue(path)?.FullName ?? JupyterFolders.Kernels();
            var folder = Kernelspec.Install(kernels, typeof(InstallKernelCommand).Assembly.Location);
            Console.WriteLine($"Installed the kernelspec {Kernelspec.Name} (\".NET (C#)\") in {folder}");
            Console.WriteLine("Jupyter, JupyterLab and VS Code's Jupyter extension now offer it; its HTTP API listens on no network port.");
            return 0;
        });
        return command;
    }
}
