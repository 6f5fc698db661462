using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>What every lesson run as a notebook must be, whichever client ran it: free of errors and of the machine's paths and addresses.</summary>
internal static class NotebookRunChecks
{
    /// <summary>Asserts that <paramref name="run"/> succeeded, has no error output, and shows no path or address of the machine.</summary>
    public static void RanWithoutErrors(NotebookRun run)
    {
        Assert.True(run.Succeeded, $"{Path.GetFileName(run.Path)} cell {run.Failure?.Cell}: {run.Failure?.Message}");
        Assert.DoesNotContain(run.Document.Elements.SelectMany(c => c.Outputs), o => o is ErrorElement);
        AssertNoMachinePath(run);
        // Run through Jupyter, the kernel once wrote its HTTP API bootstrap, with every address of the machine, into the first cell.
        MachineAddresses.AssertNoneIn(string.Join("\n", run.Document.Elements.Select(Samples.Output)), Path.GetFileName(run.Path));
    }

    /// <summary>
    /// No output shows where the lesson ran (the repository, the user's home, the NuGet cache): handouts are shared,
    /// and the setup cell once showed the kernel's path to Plotly.NET in the NuGet cache.
    /// </summary>
    static void AssertNoMachinePath(NotebookRun run)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile).TrimEnd('/', '\\');
        string[] paths = [Samples.Root, home + Path.DirectorySeparatorChar, ".nuget/packages", ".nuget\\packages"];
        foreach (var cell in run.Document.Elements.Where(cell => cell.Outputs.Count > 0))
        {
            var output = Samples.Output(cell);
            foreach (var path in paths.Where(path => path.Trim('/', '\\').Length > 0))
            {
                var at = output.IndexOf(path, StringComparison.OrdinalIgnoreCase);
                Assert.True(at < 0, $"{Path.GetFileName(run.Path)}: the cell \"{cell.Contents.Split('\n')[0]}\" shows {path}: …{output.Substring(Math.Max(0, at - 80), Math.Min(output.Length - Math.Max(0, at - 80), 200))}…");
            }
        }
    }
}
