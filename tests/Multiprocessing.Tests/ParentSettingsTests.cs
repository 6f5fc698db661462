using System.Globalization;

namespace Multiprocessing.Tests;

/// <summary>
/// A worker and a child compute what their parent computes: they take its current culture and UI culture, and its
/// runtime properties (this test assembly's runtime config sets <c>Multiprocessing.Tests.CarriedSwitch</c>).
/// An app with <c>InvariantGlobalization</c> is tested in <see cref="PublishedAppTests"/>.
/// </summary>
public class ParentSettingsTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void WorkersAndChildrenTakeTheCultureOfTheThreadThatCreatedThem()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        using var gates = new GateFolder();
        var here = "";
        ProcessPool pool;
        ChildProcess child;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            here = SettingsTargets.Describe(0);
            pool = new ProcessPool(1);
            child = ChildProcess.Create(SettingsTargets.DescribeTo, Path.Combine(gates.Folder, "child"));
            child.Start();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
        using (pool)
        using (child)
        {
            Assert.Equal("tr-TR de-DE İ 1,5 True", here);
            // Used from a thread in another culture: the workers keep their creator's.
            Assert.Equal(here, pool.ApplyAsync(SettingsTargets.Describe, 0).Get(Bound));
            Assert.True(child.Join(Bound));
            Assert.Equal(0, child.ExitCode);
            Assert.Equal(here, File.ReadAllText(Path.Combine(gates.Folder, "child")));
        }
    }

    [Fact]
    public void AnAppContextSwitchOfTheParentsRuntimeConfigReachesTheWorkers()
    {
        Assert.True(AppContext.TryGetSwitch(SettingsTargets.CarriedSwitch, out var here) && here, "The test assembly's runtime config lost its switch.");
        using var pool = new ProcessPool(1);
        Assert.EndsWith("True", pool.ApplyAsync(SettingsTargets.Describe, 0).Get(Bound));
    }
}

/// <summary>What a process computes that depends on its culture and runtime properties.</summary>
public static class SettingsTargets
{
    public const string CarriedSwitch = "Multiprocessing.Tests.CarriedSwitch";

    public static string Describe(int _) =>
        $"{CultureInfo.CurrentCulture.Name} {CultureInfo.CurrentUICulture.Name} {"i".ToUpper()} {1.5} " +
        $"{AppContext.TryGetSwitch(CarriedSwitch, out var on) && on}";

    public static void DescribeTo(string path) => File.WriteAllText(path, Describe(0));
}
