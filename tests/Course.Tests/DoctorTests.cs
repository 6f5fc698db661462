using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Doctor;
using Multiprocessing;
using Multiprocessing.Hosting;

namespace Course.Tests;

/// <summary>
/// <c>course doctor</c> run as a student runs it, a real process each time: on this machine, with one core, with a 1 MiB
/// /dev/shm in a mount namespace of its own, and on a fake .NET root that holds only an "11" runtime. Every wait is bounded
/// and every namespace, folder and process ends with its test.
/// </summary>
public class DoctorTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public void OnThisMachineEveryRequiredItemPasses()
    {
        var clock = Stopwatch.StartNew();
        var (code, output) = Doctor();

        Assert.True(code == 0, output);
        foreach (var item in new[] { ".NET SDK", ".NET runtime", "Kernel", "Shared memory", "Process start", "Cores" })
            Assert.Matches(new Regex($"^[✓!] {Regex.Escape(item)}: ", RegexOptions.Multiline), output);
        Assert.Contains("✓ .NET runtime: .NET 10.", output);
        Assert.Contains($"Cores: .NET sees {Environment.ProcessorCount} (Environment.ProcessorCount)", output);
        Assert.Contains("Ready: every required item passes", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"doctor took {clock.Elapsed.TotalSeconds:0.0} s:\n{output}");
    }

    [Fact]
    public void UnderDotnetProcessorCount1ItReportsOneCoreAndSaysSpeedupsNear1AreExpected()
    {
        var (code, output) = Doctor(environment: new() { ["DOTNET_PROCESSOR_COUNT"] = "1" });

        Assert.True(code == 0, output); // one core is a caveat, not a failure
        Assert.Contains("! Cores: .NET sees 1 (Environment.ProcessorCount); DOTNET_PROCESSOR_COUNT=1 sets it", output);
        Assert.Contains("speedups near 1× are expected here, not a bug", output);
    }

    [Fact]
    public void ATinyDevShmIsFlaggedWithTheFix()
    {
        if (!CanUnshare)
            return; // needs root and util-linux, as CI has
        // A private mount namespace: the 1 MiB tmpfs on /dev/shm is seen by the doctor alone, and goes when it exits.
        var (code, output) = Doctor(wrap: ["/usr/bin/unshare", "--mount", "--propagation", "private", "--",
            "/bin/sh", "-c", "mount -t tmpfs -o size=1m tmpfs /dev/shm && exec \"$0\" \"$@\""]);

        Assert.True(code == 1, output);
        Assert.Contains("✗ Shared memory: /dev/shm holds 1 MiB, 1 MiB free; the lessons need 4 MiB free", output);
        Assert.Contains("--shm-size=1g", output);
        Assert.Contains("Not ready: fix the item marked ✗", output);
        Assert.True(new DriveInfo("/dev/shm").TotalSize > 4L << 20, "the namespace's /dev/shm leaked out");
    }

    [Fact]
    public void OnAMachineWithOnlyDotnet11ItSaysToInstallTheDotnet10RuntimeBesideIt()
    {
        if (!OperatingSystem.IsLinux())
            return;
        // A .NET root whose only runtimes call themselves 11.0.0 (they are this machine's 10 under another name): what
        // the host decides from version numbers alone. The tool rolls forward onto it (RollForward=Major), so doctor runs.
        // (Its child runs on the parent's exact runtime, which the links resolve to: the real 10, so it is not asserted.)
        using var root = new FakeDotnetRoot(runtimes: ["11.0.0"], sdks: ["11.0.100"]);
        var (code, output) = Doctor(host: root.Host);

        Assert.True(code == 1, output);
        Assert.Contains("✓ .NET SDK: 11.0.100; the course builds with 11.0.100", output);
        Assert.Contains("✗ .NET runtime: only .NET 11 is installed", output);
        Assert.Contains("Fix: install the ASP.NET Core Runtime 10.0 (it includes the .NET Runtime 10.0) beside what you have", output);
        Assert.Matches(new Regex("^✗ Kernel: .*needs Microsoft.NETCore.App 10 and Microsoft.AspNetCore.App 10", RegexOptions.Multiline), output);
    }

    [Theory]
    [InlineData(new[] { "10.0.401" }, "10.0.401")]
    [InlineData(new[] { "11.0.100" }, "11.0.100")]            // was refused by rollForward latestFeature
    [InlineData(new[] { "10.0.401", "11.0.100" }, "10.0.401")] // the tested SDK wins when both are there
    public void GlobalJsonTakesADotnet11SdkButPrefersTen(string[] sdks, string chosen)
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var root = new FakeDotnetRoot(runtimes: [], sdks: sdks);
        var trace = Path.Combine(root.Folder, "trace.txt");
        // The SDK the host picks by the repository's global.json, read from its trace: the fake SDKs are empty.
        Run(root.Host, ["--version"], new() { ["COREHOST_TRACE"] = "1", ["COREHOST_TRACEFILE"] = trace }, workingDirectory: Repository.Root);

        Assert.Contains($"SDK path resolved to [{Path.Combine(root.Folder, "sdk", chosen)}]", File.ReadAllText(trace));
    }

    [Fact]
    public void OnlyDotnet11RuntimesGiveTheInstallFixAndNamesTheVersionsFound()
    {
        var install = DotnetInstall.Parse("11.0.100 [/usr/share/dotnet/sdk]\n",
            "Microsoft.AspNetCore.App 11.0.0 [/x]\nMicrosoft.NETCore.App 11.0.0 [/x]\n");

        var items = DotnetCheck.Check(install, new Version(11, 0, 0)).ToList();

        Assert.Equal(DoctorStatus.Pass, items[0].Status);
        Assert.Equal(DoctorStatus.Fail, items[1].Status);
        Assert.StartsWith("only .NET 11 is installed (this check runs on 11.0.0, rolled forward)", items[1].Found);
        Assert.Equal(DotnetCheck.InstallRuntime10, items[1].Fix);
    }

    [Fact]
    public void TenBesideElevenPassesAndSaysElevenIsNotUsed()
    {
        var install = DotnetInstall.Parse("10.0.401 [/s]\n11.0.100 [/s]\n",
            "Microsoft.AspNetCore.App 10.0.12 [/x]\nMicrosoft.AspNetCore.App 11.0.0 [/x]\nMicrosoft.NETCore.App 10.0.12 [/x]\nMicrosoft.NETCore.App 11.0.0 [/x]\n");

        var items = DotnetCheck.Check(install, new Version(10, 0, 12)).ToList();

        Assert.All(items, i => Assert.Equal(DoctorStatus.Pass, i.Status));
        Assert.Contains("builds with 10.0.401", items[0].Found);
        Assert.Contains(".NET 11 is there too and is not used", items[1].Found);
    }

    static bool CanUnshare => OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/unshare");

    /// <summary>Runs the built tool's <c>doctor</c>, as <c>dotnet run --project helpers/Course -- doctor</c> would.</summary>
    static (int Code, string Output) Doctor(Dictionary<string, string?>? environment = null, string[]? wrap = null, string? host = null) =>
        Run(host ?? DotnetHost.Path, [Path.Combine(AppContext.BaseDirectory, "Course.dll"), "doctor"], environment, wrap);

    static (int Code, string Output) Run(string program, string[] arguments, Dictionary<string, string?>? environment = null,
        string[]? wrap = null, string? workingDirectory = null)
    {
        string[] command = [.. wrap ?? [], program, .. arguments];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        start.Environment.Remove("DOTNET_PROCESSOR_COUNT");
        foreach (var (name, value) in environment ?? [])
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            Assert.Fail($"{string.Join(' ', command)} did not finish in {Limit.TotalSeconds:0} s");
        }
        return (process.ExitCode, output.Result + errors.Result);
    }

    /// <summary>
    /// A .NET root in a temp folder: a copy of this machine's host, its hostfxr, runtimes that are this machine's .NET 10
    /// under the given version numbers, and empty SDK folders under the given numbers. Deleted with the test.
    /// </summary>
    sealed class FakeDotnetRoot : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("doctor-dotnet-").FullName;

        public string Host => Path.Combine(Folder, "dotnet");

        public FakeDotnetRoot(string[] runtimes, string[] sdks)
        {
            var real = Path.GetDirectoryName(DotnetHost.Path)!;
            File.Copy(DotnetHost.Path, Host);
            File.CreateSymbolicLink(Path.Combine(Folder, "host"), Path.Combine(real, "host"));
            foreach (var framework in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
            {
                var actual = Directory.GetDirectories(Path.Combine(real, "shared", framework), "10.*").Max()!;
                Directory.CreateDirectory(Path.Combine(Folder, "shared", framework));
                foreach (var version in runtimes)
                    File.CreateSymbolicLink(Path.Combine(Folder, "shared", framework, version), actual);
            }
            foreach (var version in sdks)
            {
                // The host counts a folder with a dotnet.dll as an SDK; an empty one is enough to see which it picks.
                Directory.CreateDirectory(Path.Combine(Folder, "sdk", version));
                File.WriteAllBytes(Path.Combine(Folder, "sdk", version, "dotnet.dll"), []);
            }
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true); // removes the links, not what they point to
    }
}
