using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Course.Doctor;

/// <summary>The SDKs and runtimes a <c>dotnet</c> host knows: what <c>dotnet --list-sdks</c> and <c>--list-runtimes</c> print.</summary>
/// <param name="Sdks">The SDK versions, such as 10.0.401.</param>
/// <param name="Runtimes">The shared frameworks, such as (Microsoft.NETCore.App, 10.0.12).</param>
internal sealed partial record DotnetInstall(IReadOnlyList<Version> Sdks, IReadOnlyList<(string Name, Version Version)> Runtimes)
{
    /// <summary>The major version the course is built for and measured on (net10.0 in Directory.Build.props).</summary>
    public const int CourseMajor = 10;

    /// <summary>Asks <paramref name="host"/> for its SDKs and runtimes; a host that does not answer in 10 s lists none.</summary>
    public static DotnetInstall Read(string host) =>
        Parse(Run(host, "--list-sdks"), Run(host, "--list-runtimes"));

    /// <summary>Reads the two lists as the host prints them ("10.0.401 [/usr/share/dotnet/sdk]", "Microsoft.NETCore.App 10.0.12 [...]").</summary>
    public static DotnetInstall Parse(string sdkList, string runtimeList)
    {
        var sdks = new List<Version>();
        foreach (Match m in SdkLine().Matches(sdkList))
            if (Release(m.Groups["v"].Value) is { } v)
                sdks.Add(v);
        var runtimes = new List<(string, Version)>();
        foreach (Match m in RuntimeLine().Matches(runtimeList))
            if (Release(m.Groups["v"].Value) is { } v)
                runtimes.Add((m.Groups["name"].Value, v));
        return new DotnetInstall(sdks, runtimes);
    }

    /// <summary>The newest runtime of <paramref name="framework"/> with <paramref name="major"/>, at or above <paramref name="atLeast"/>.</summary>
    public Version? Runtime(string framework, int major, Version? atLeast = null) =>
        Runtimes.Where(r => r.Name == framework && r.Version.Major == major && (atLeast is null || r.Version >= atLeast))
            .Select(r => r.Version).DefaultIfEmpty().Max();

    /// <summary>The major versions of <paramref name="framework"/> installed, newest first.</summary>
    public IReadOnlyList<int> Majors(string framework) =>
        Runtimes.Where(r => r.Name == framework).Select(r => r.Version.Major).Distinct().OrderDescending().ToList();

    // A preview ("11.0.100-preview.1.25…") counts as its release number; the host lists it as such.
    static Version? Release(string text) =>
        Version.TryParse(text.Split('-')[0], out var v) ? v : null;

    static string Run(string host, string argument)
    {
        try
        {
            var start = new ProcessStartInfo(host, argument) { RedirectStandardOutput = true, RedirectStandardError = true };
            // The listing must not depend on the folder's global.json: --list-* never selects an SDK, but be safe.
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return "";
            }
            return output.Result;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    [GeneratedRegex(@"^(?<v>\d+\.\d+\.\d+\S*) \[", RegexOptions.Multiline)]
    private static partial Regex SdkLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z.]+) (?<v>\d+\.\d+\.\d+\S*) \[", RegexOptions.Multiline)]
    private static partial Regex RuntimeLine();

    public static string Show(Version v) => v.ToString(3);

    public static string List(IEnumerable<Version> versions) =>
        string.Join(", ", versions.Select(Show).DefaultIfEmpty("none"));
}
