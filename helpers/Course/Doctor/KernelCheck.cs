using System.Text.Json.Nodes;
using Course.Jupyter;

namespace Course.Doctor;

/// <summary>The pinned .NET Interactive kernel: restored into the NuGet cache, runnable here, and registered with Jupyter.</summary>
internal static class KernelCheck
{
    public static IEnumerable<DoctorItem> Check(DotnetInstall install)
    {
        string version;
        try
        {
            version = PinnedKernel.PinnedVersion();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            return [DoctorItem.Fail("Kernel", e.Message, "run the course tool from inside the course folder, which holds .config/dotnet-tools.json.")];
        }
        var dll = PinnedKernel.Installed(version);
        if (dll is null)
            return [DoctorItem.Fail("Kernel", $"microsoft.dotnet-interactive {version} is not restored.",
                "run 'dotnet tool restore' in the course folder (it downloads the pinned kernel once, about 1 minute)."), Spec()];
        return [Runnable(version, dll, install), Spec()];
    }

    // The kernel's runtimeconfig names the frameworks it needs; a framework runs an app of its own major version only.
    static DoctorItem Runnable(string version, string dll, DotnetInstall install)
    {
        var config = Path.ChangeExtension(dll, ".runtimeconfig.json");
        var needs = new List<(string Name, Version Version)>();
        if (File.Exists(config) && JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"] is JsonObject options)
        {
            var frameworks = options["frameworks"] as JsonArray ?? (options["framework"] is JsonNode one ? new JsonArray(one.DeepClone()) : []);
            foreach (var f in frameworks)
                if (f?["name"]?.GetValue<string>() is { } name && Version.TryParse(f["version"]?.GetValue<string>(), out var v))
                    needs.Add((name, v));
        }
        var missing = needs.Where(n => install.Runtime(n.Name, n.Version.Major, n.Version) is null).ToList();
        var needText = string.Join(" and ", needs.Select(n => $"{n.Name} {n.Version.Major}"));
        if (missing.Count > 0)
            return DoctorItem.Fail("Kernel", $"microsoft.dotnet-interactive {version} is restored but needs {needText}, and " +
                $"{string.Join(" and ", missing.Select(m => $"{m.Name} {m.Version.Major}.x"))} {(missing.Count == 1 ? "is" : "are")} not installed.",
                "install the .NET 10 runtime as the '.NET runtime' line says.");
        return DoctorItem.Pass("Kernel", $"microsoft.dotnet-interactive {version} is restored{(needs.Count > 0 ? $" and has its {needText}" : "")}.");
    }

    // Only Jupyter and VS Code need the kernelspec; 'course run' starts the kernel itself.
    static DoctorItem Spec()
    {
        var spec = Path.Combine(JupyterFolders.Kernels(), Kernelspec.Name, "kernel.json");
        const string install = "for Jupyter or VS Code, run 'dotnet run --project helpers/Course -- install-kernel' ('course run' does not need it).";
        if (!File.Exists(spec))
            return DoctorItem.Warn("Kernelspec", $"'{Kernelspec.Name}' is not installed in {JupyterFolders.Kernels()}.", install);
        try
        {
            var argv = JsonNode.Parse(File.ReadAllText(spec))?["argv"]?.AsArray().Select(a => a?.GetValue<string>()).ToList() ?? [];
            var launcher = argv.Count > 1 ? argv[1] : null;
            if (launcher is null || !File.Exists(launcher))
                return DoctorItem.Warn("Kernelspec", $"'{Kernelspec.Name}' starts {launcher ?? "nothing"}, which does not exist (a moved or deleted course folder?).", install);
            return DoctorItem.Pass("Kernelspec", $"'{Kernelspec.Name}' is installed for Jupyter and VS Code ({spec}).");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return DoctorItem.Warn("Kernelspec", $"{spec} is not a kernelspec Jupyter can read ({e.Message}).", install);
        }
    }
}
