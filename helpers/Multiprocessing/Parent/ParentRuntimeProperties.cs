using System.Reflection;
using System.Text.Json;

namespace Multiprocessing.Parent;

/// <summary>
/// This process's runtime properties that its children must share to compute what it computes: every
/// <c>configProperties</c> entry of the runtime config it was started with (globalization mode and its other settings,
/// AppContext switches, any option an app sets with <c>RuntimeHostConfigurationOption</c> or an msbuild property such as
/// <c>InvariantGlobalization</c>), each with the value it has here now (<c>AppContext.SetSwitch</c> included). A notebook
/// kernel's own properties come along the same way.
/// </summary>
/// <remarks>
/// Left out: the GC settings (<c>System.GC.*</c>), which shape this process's heap while a child sizes its own; a
/// startup hook listed in the config (<c>STARTUP_HOOKS</c>), never run in a child as <see cref="Platform.ToolVariables"/>
/// explains; and the properties the host computes for each process (its assembly paths and folders). A switch set only
/// in code, with <c>AppContext.SetSwitch</c>, for a name the runtime config does not list cannot be found (.NET has no
/// way to list them): set it in the app's project (<c>RuntimeHostConfigurationOption</c>), or in the pool's initializer.
/// </remarks>
internal static class ParentRuntimeProperties
{
    static readonly HashSet<string> HostOwned = new(StringComparer.Ordinal)
    {
        "STARTUP_HOOKS", "TRUSTED_PLATFORM_ASSEMBLIES", "NATIVE_DLL_SEARCH_DIRECTORIES", "PLATFORM_RESOURCE_ROOTS",
        "APP_CONTEXT_BASE_DIRECTORY", "APP_CONTEXT_DEPS_FILES", "PROBING_DIRECTORIES", "APP_PATHS", "FX_DEPS_FILE",
        "RUNTIME_IDENTIFIER", "BUNDLE_PROBE", "HOSTPOLICY_EMBEDDED", "PINVOKE_OVERRIDE", "HOST_RUNTIME_CONTRACT",
    };

    /// <summary>The properties to carry, by name, each as the string the host would pass (JSON <c>true</c> is <c>"true"</c>).</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var carried = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (FindRuntimeConfig() is not { } path)
            return carried;
        JsonElement properties;
        try
        {
            using var config = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!config.RootElement.TryGetProperty("runtimeOptions", out var options) || !options.TryGetProperty("configProperties", out properties))
                return carried;
            properties = properties.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return carried; // the host read it at start; if it cannot be read now, the children run with the defaults
        }
        foreach (var property in properties.EnumerateObject())
        {
            var name = property.Name;
            if (HostOwned.Contains(name) || name.StartsWith("System.GC.", StringComparison.Ordinal))
                continue;
            if (AppContext.TryGetSwitch(name, out bool on))
                carried[name] = on ? "true" : "false";
            else if (AppContext.GetData(name) is { } value)
                carried[name] = value.ToString() ?? "";
            else
                carried[name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
        return carried;
    }

    /// <summary>
    /// The runtime config this process was started with: the one given to <c>dotnet exec --runtimeconfig</c> (a test
    /// host, a worker; read from <c>/proc/self/cmdline</c> on Linux), else the one beside the app's deps file or its entry
    /// assembly, as the host looks for it.
    /// </summary>
    internal static string? FindRuntimeConfig()
    {
        if (GivenOnCommandLine() is { } given && File.Exists(given))
            return given;
        if (AppContext.GetData("APP_CONTEXT_DEPS_FILES") is string deps && deps.Split(Path.PathSeparator)[0] is var appDeps
            && appDeps.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase))
        {
            var beside = appDeps[..^".deps.json".Length] + ".runtimeconfig.json";
            if (File.Exists(beside))
                return beside;
        }
        if (Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry && Path.ChangeExtension(entry, ".runtimeconfig.json") is var besideEntry && File.Exists(besideEntry))
            return besideEntry;
        return null;
    }

    /// <summary>The host's <c>--runtimeconfig PATH</c>, which comes before the app's path; .NET shows a program only its own arguments.</summary>
    static string? GivenOnCommandLine()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var args = File.ReadAllText("/proc/self/cmdline").Split('\0');
            for (int i = 1; i + 1 < args.Length; i++)
            {
                if (args[i] == "--runtimeconfig")
                    return Path.GetFullPath(args[i + 1]);
                if (args[i].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    return null; // the app's path: what follows is the app's own
            }
        }
        catch (IOException) { }
        return null;
    }
}
