using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>
/// Real apps, built and published in a temp folder against this build of the library: one with
/// <c>InvariantGlobalization</c> and AppContext switches in its runtime config, whose workers and children must compute
/// as it does; and the same app published as a single file, refused at creation with the way out, and published as a
/// single file that extracts its assemblies, which works.
/// </summary>
public class PublishedAppTests : IClassFixture<PublishedAppTests.AppFolder>
{
    static readonly TimeSpan CommandBound = TimeSpan.FromMinutes(5);
    readonly AppFolder _app;

    public PublishedAppTests(AppFolder app) => _app = app;

    const string Program = """
        using Multiprocessing;

        AppContext.SetSwitch("App.Overridden", false); // the runtime config says true
        Console.WriteLine($"parent {Describe(0)}");
        try
        {
            using var pool = new ProcessPool(1);
            Console.WriteLine($"worker {pool.Map(Describe, [0])[0]}");
            Console.WriteLine($"abs {string.Join(",", pool.Map<int, int>(Math.Abs, [-1, -2, -3]))}");
        }
        catch (NotSupportedException e)
        {
            Console.WriteLine($"pool refused: {e.Message}");
        }
        try
        {
            var child = ChildProcess.Create(PrintDescription, 0);
            child.Start();
            child.Join(TimeSpan.FromSeconds(60));
            Console.WriteLine($"child exit {child.ExitCode}");
        }
        catch (NotSupportedException e)
        {
            Console.WriteLine($"child refused: {e.Message}");
        }

        static string Describe(int _) =>
            $"compare {Math.Sign(string.Compare("a", "B", StringComparison.InvariantCulture))} switch {Flag("App.Switch")} " +
            $"overridden {Flag("App.Overridden")} invariant {AppContext.GetData("System.Globalization.Invariant")}";
        static string Flag(string name) => AppContext.TryGetSwitch(name, out var on) ? on.ToString() : "unset";
        static void PrintDescription(int _) => Console.WriteLine($"child {Describe(0)}");
        """;

    /// <summary>What every process of the app computes: ordinal comparison (invariant mode), both switches as the parent has them.</summary>
    const string Expected = "compare 1 switch True overridden False invariant true";

    [Fact]
    public void WorkersAndChildrenOfAnInvariantGlobalizationAppComputeAsTheAppDoes()
    {
        Run("dotnet", "build", "-c", "Release", "--disable-build-servers", "-o", "build");
        var output = Run("dotnet", Path.Combine("build", "app.dll"));

        Assert.Contains($"parent {Expected}", output); // "compare 1": the invariant mode's ordinal order ('a' after 'B'), not ICU's
        Assert.Contains($"worker {Expected}", output);
        Assert.Contains($"child {Expected}", output);
        Assert.Contains("abs 1,2,3", output);
        Assert.Contains("child exit 0", output);
    }

    [Fact]
    public void ASingleFileAppIsRefusedAtCreationNamingTheWayOut()
    {
        Run("dotnet", "publish", "-r", "linux-x64", "--self-contained", "false", "-p:PublishSingleFile=true", "--disable-build-servers", "-o", "single");
        var output = Run(Path.Combine(_app.Folder, "single", "app"));

        Assert.Contains($"parent {Expected}", output);
        foreach (var what in new[] { "pool", "child" })
        {
            var refusal = output.Split('\n').FirstOrDefault(line => line.StartsWith($"{what} refused: ", StringComparison.Ordinal));
            Assert.True(refusal is not null, output);
            Assert.Contains("published as a single file (PublishSingleFile)", refusal);
            Assert.Contains("-p:IncludeAllContentForSelfExtract=true", refusal);
        }
        Assert.DoesNotContain("exit code 129", output);
    }

    [Fact]
    public void ASingleFileAppThatExtractsItsAssembliesWorks()
    {
        Run("dotnet", "publish", "-r", "linux-x64", "--self-contained", "false", "-p:PublishSingleFile=true",
            "-p:IncludeAllContentForSelfExtract=true", "--disable-build-servers", "-o", "extracting");
        var output = Run(Path.Combine(_app.Folder, "extracting", "app"));

        Assert.Contains($"worker {Expected}", output);
        Assert.Contains($"child {Expected}", output);
        Assert.Contains("abs 1,2,3", output);
        Assert.Contains("child exit 0", output);
        Assert.DoesNotContain("refused", output);
    }

    string Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command, args)
        {
            WorkingDirectory = _app.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(_app.Folder, "extracted");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandBound))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"{command} {string.Join(' ', args)} did not finish within {CommandBound.TotalMinutes} min.");
        }
        var output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        return output;
    }

    /// <summary>The app's project, in a temp folder, referencing this build's Multiprocessing.dll; removed after the tests.</summary>
    public sealed class AppFolder : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("mp-published-app-").FullName;

        public AppFolder()
        {
            File.WriteAllText(Path.Combine(Folder, "app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <InvariantGlobalization>true</InvariantGlobalization>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="Multiprocessing" HintPath="{typeof(ProcessPool).Assembly.Location}" />
                    <RuntimeHostConfigurationOption Include="App.Switch" Value="true" />
                    <RuntimeHostConfigurationOption Include="App.Overridden" Value="true" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(Folder, "Program.cs"), Program);
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
