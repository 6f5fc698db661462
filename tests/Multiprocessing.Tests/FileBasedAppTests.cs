using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>
/// The library in a .NET 10 file-based app, which turns reflection-based JSON off by default
/// (<c>JsonSerializerIsReflectionEnabledByDefault=false</c>), as trimmed apps do.
/// </summary>
public class FileBasedAppTests
{
    // Every value a lesson passes, both ways: shared memory by name, a record and a list as JSON, and an exception back.
    const string App = """
        using Multiprocessing;

        using var numbers = new SharedArray<int>([2, 3, 4]);
        using var counter = new SharedValue<int>(0);
        var child = ChildProcess.Create(CubeAt, numbers, 1);
        child.Start();
        child.Join(TimeSpan.FromSeconds(30));
        Console.WriteLine($"child exit {child.ExitCode} array {string.Join(",", numbers.ToArray())}");
        var adder = ChildProcess.Create(Add, counter, 5);
        adder.Start();
        adder.Join(TimeSpan.FromSeconds(30));
        Console.WriteLine($"child exit {adder.ExitCode} value {counter.Value}");

        using var pool = new ProcessPool(2);
        var moved = pool.Map(Move, new List<Point> { new(1, 2), new(3, 4) });
        Console.WriteLine($"map {string.Join(" ", moved)}");
        var totals = pool.Map(Total, new List<List<int>> { new() { 1, 2 }, new() { 3, 4, 5 } });
        Console.WriteLine($"map lists {string.Join(",", totals)}");
        var sums = pool.Starmap(Scale, new List<(Point, List<int>)> { (new(1, 1), new() { 2, 3 }) });
        Console.WriteLine($"starmap {string.Join(" ", sums.Select(s => string.Join(",", s)))}");
        var cubed = pool.Starmap(CubeAtAndRead, new List<(SharedArray<int>, int)> { (numbers, 0), (numbers, 2) });
        Console.WriteLine($"starmap shared {string.Join(",", cubed)} array {string.Join(",", numbers.ToArray())}");
        var added = pool.ApplyAsync(AddAndRead, counter, 10).Get(TimeSpan.FromSeconds(30));
        Console.WriteLine($"apply value {added} {counter.Value}");
        var names = pool.ApplyAsync(Names, new Point(7, 8)).Get(TimeSpan.FromSeconds(30));
        Console.WriteLine($"apply list {string.Join(",", names)}");
        using var queue = new SharedQueue<Point>();
        var putter = ChildProcess.Create(PutPoint, queue, new Point(5, 6));
        putter.Start();
        Console.WriteLine($"queue {queue.Get(timeout: TimeSpan.FromSeconds(30))}");
        putter.Join(TimeSpan.FromSeconds(30));
        var (parentEnd, childEnd) = Pipe.Create<List<int>>();
        var echo = ChildProcess.Create(Echo, childEnd);
        echo.Start();
        childEnd.Close();
        parentEnd.Send([1, 2, 3]);
        Console.WriteLine($"pipe {string.Join(",", parentEnd.Recv())}");
        echo.Join(TimeSpan.FromSeconds(30));
        try
        {
            pool.ApplyAsync(Fail, new Point(0, 0)).Get(TimeSpan.FromSeconds(30));
        }
        catch (RemoteException e)
        {
            Console.WriteLine($"remote {e.RemoteType}: {e.RemoteMessage}");
        }

        static void CubeAt(SharedArray<int> a, int i) => a[i] = a[i] * a[i] * a[i];
        static int CubeAtAndRead(SharedArray<int> a, int i) { CubeAt(a, i); return a[i]; }
        static void Add(SharedValue<int> v, int n) { using (v.GetLock().Acquire()) v.Value += n; }
        static int AddAndRead(SharedValue<int> v, int n) { Add(v, n); return v.Value; }
        static Point Move(Point p) => p with { X = p.X + 10 };
        static int Total(List<int> l) => l.Sum();
        static List<int> Scale(Point p, List<int> l) => l.Select(x => x * p.X + p.Y).ToList();
        static List<string> Names(Point p) => [$"x{p.X}", $"y{p.Y}"];
        static int Fail(Point p) => throw new InvalidOperationException($"no point at {p}");
        static void PutPoint(SharedQueue<Point> q, Point p) => q.Put(p);
        static void Echo(PipeConnection<List<int>> c) => c.Send(c.Recv().Select(x => x * 10).ToList());

        record Point(int X, int Y);
        """;

    [Fact]
    public void ValuesAndErrorsTravelBothWaysInAFileBasedApp()
    {
        var folder = Directory.CreateTempSubdirectory("mp-file-app-");
        var name = "mp-file-app-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var library = Path.Combine(RepositoryRoot(), "helpers", "Multiprocessing");
            // Stated, not left to the default, so the test keeps its meaning if file-based apps ever change it.
            var app = $"#:project {library}\n#:property JsonSerializerIsReflectionEnabledByDefault=false\n" + App;
            var path = Path.Combine(folder.FullName, name + ".cs");
            File.WriteAllText(path, app);

            var (exit, output) = DotnetRun(path, folder.FullName, TimeSpan.FromMinutes(3));

            Assert.True(exit == 0, output);
            Assert.Contains("child exit 0 array 2,27,4", output);
            Assert.Contains("child exit 0 value 5", output);
            Assert.Contains("map Point { X = 11, Y = 2 } Point { X = 13, Y = 4 }", output);
            Assert.Contains("map lists 3,12", output);
            Assert.Contains("queue Point { X = 5, Y = 6 }", output);
            Assert.Contains("pipe 10,20,30", output);
            Assert.Contains("starmap 3,4", output);
            Assert.Contains("starmap shared 8,64 array 8,27,64", output);
            Assert.Contains("apply value 15 15", output);
            Assert.Contains("apply list x7,y8", output);
            Assert.Contains("remote System.InvalidOperationException: no point at Point { X = 0, Y = 0 }", output);
        }
        finally
        {
            folder.Delete(recursive: true);
            foreach (var build in BuildFolders(name))
                Directory.Delete(build, recursive: true);
        }
    }

    static (int Exit, string Output) DotnetRun(string file, string workingDirectory, TimeSpan limit)
    {
        var info = new ProcessStartInfo("dotnet", ["run", "--file", file])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"dotnet run {file} did not finish within {limit.TotalSeconds} s.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Where the SDK builds a file-based app: runfile/NAME-HASH under the user's data folder or the temp folder.</summary>
    static IEnumerable<string> BuildFolders(string name) =>
        new[]
            {
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "dotnet", "runfile"),
                Path.Combine(Path.GetTempPath(), "dotnet", "runfile"),
            }
            .Where(Directory.Exists)
            .SelectMany(root => Directory.GetDirectories(root, name + "-*"))
            .ToList();

    static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Multiprocessing.slnx")))
                return folder.FullName;
        throw new InvalidOperationException("The repository root (with Multiprocessing.slnx) is not above the test assembly.");
    }
}
