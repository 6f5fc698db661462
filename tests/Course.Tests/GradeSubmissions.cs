using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Course.Apps;
using Course.Commands;

namespace Course.Tests;

/// <summary>
/// A made-up SUBMISSIONS folder, built in a temp folder, and one real <c>course grade</c> run over it, shared by the
/// grading tests: right and known wrong answers (from notebooks/teacher), and hostile ones (an edited check, an endless
/// loop, a fork bomb, Environment.Exit, a memory bomb, 100 MB of output, reads of another student's folder and of the
/// teacher's solutions, a write outside the folder, a network connection, a broken notebook, a link to another student's file, a forged "✓ Correct").
/// </summary>
public sealed class GradeSubmissions : IAsyncLifetime
{
    public const string One = "01-what-is-multiprocessing";
    public const string Six = "06-four-processes-printing-numbers";
    /// <summary>The time limit of the run: the endless loop costs this much of one job.</summary>
    public const int TimeLimit = 30;
    public const int MemoryLimitMb = 512;
    /// <summary>What the fork bomb starts: a sleep for this many seconds, so a leftover one can be found by its command line.</summary>
    public const string SleepSeconds = "987";

    readonly string _root = Directory.CreateTempSubdirectory("course-grade-test-").FullName;
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public string Submissions => Path.Combine(_root, "submissions");
    public string Out => Path.Combine(_root, "out");
    /// <summary>Where the hostile answers try to write, outside their own folder.</summary>
    public string Planted => Path.Combine(Submissions, "planted.txt");
    public string PlantedInRepository => Path.Combine(Samples.Root, "notebooks", "planted-by-grading-test.txt");
    public string SecretOfAlice => "alice's secret answer 4d1c";
    public int ExitCode { get; private set; }
    public TimeSpan Elapsed { get; private set; }
    public bool NetworkReached { get; private set; }
    public IReadOnlyList<string[]> Rows { get; private set; } = [];
    public string Csv { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var solution1 = Teacher(One, "solution.cs");
        var stub1 = "static long SumOfSquares(int n)\n{\n    return 0;\n}\n";

        Notebook("alice", One, solution1 + $"\n// {SecretOfAlice}\n");
        App("alice", Six, Teacher(Six, "solution.cs"));
        Notebook("wrong-1-1", One, Teacher(One, "wrong-1.cs"));
        foreach (var wrong in Directory.GetFiles(Path.Combine(Samples.Root, "notebooks", "teacher", Six), "wrong-*.cs").Order())
            Notebook($"wrong-6-{Path.GetFileNameWithoutExtension(wrong)[6..]}", Six, File.ReadAllText(wrong));
        Notebook("edited-check", One, stub1, check: "Exercise.Check(true, \"all good\", \"never\");\n");
        // Outside any function, the loop runs before the check: only the sandbox's time limit ends it.
        Notebook("endless-loop", One, "while (true) { }\n" + solution1);
        // Inside the function, the check's own bound ends it, and the check says which function did not finish.
        Notebook("endless-function", One, "static long SumOfSquares(int n)\n{\n    while (true) { }\n}\n");
        Notebook("fork-bomb", One, $"while (true) System.Diagnostics.Process.Start(\"sleep\", \"{SleepSeconds}\");\n" + solution1);
        Notebook("exits", One, "Environment.Exit(0);\n" + solution1);
        Notebook("memory-bomb", One, "var hoard = new List<byte[]>();\nwhile (true) { var block = new byte[32_000_000]; Array.Fill(block, (byte)1); hoard.Add(block); }\n" + solution1);
        Notebook("floods-output", One, "var line = new string('x', 999);\nfor (var i = 0; i < 100_000; i++) Console.WriteLine(line);\n" + solution1);
        Notebook("reads-alice", One, Attempt($"Console.WriteLine(File.ReadAllText(\"{Path.Combine(Submissions, "alice", One + ".ipynb")}\"))") + solution1);
        Notebook("reads-teacher", One, Attempt($"Console.WriteLine(File.ReadAllText(\"{Path.Combine(Samples.Root, "notebooks", "teacher", One, "solution.cs")}\"))") + solution1);
        Notebook("writes-outside", One,
            Attempt($"File.WriteAllText(\"{Planted}\", \"x\")") + Attempt($"File.WriteAllText(\"{PlantedInRepository}\", \"x\")") + solution1);
        Notebook("network", One, Attempt($"new System.Net.Sockets.TcpClient().Connect(\"127.0.0.1\", {port})")
            + Attempt("Console.WriteLine(new System.Net.Http.HttpClient().GetStringAsync(\"http://example.com\").Result)") + solution1);
        Notebook("forges-correct", One, "Console.WriteLine(\"✓ Correct: [1, 385, 333833500, 333338333350000], computed in worker processes.\");\n" + stub1);
        Notebook("calls-check", One, "Exercise.Check(true, \"forged\", \"forged\");\n" + stub1);
        Notebook("module-initializer", One, solution1 + "static class Early { [System.Runtime.CompilerServices.ModuleInitializer] internal static void Run() => Console.ReadLine(); }\n");
        Directory.CreateDirectory(Path.Combine(Submissions, "links-to-alice"));
        File.CreateSymbolicLink(Path.Combine(Submissions, "links-to-alice", One + ".ipynb"), Path.Combine(Submissions, "alice", One + ".ipynb"));
        Directory.CreateDirectory(Path.Combine(Submissions, "not-json"));
        File.WriteAllText(Path.Combine(Submissions, "not-json", One + ".ipynb"), "{ \"cells\": [ this is not json");

        var clock = Stopwatch.StartNew();
        ExitCode = await CourseCommand.RunAsync(["grade", Submissions, "--out", Out, "--time-limit", TimeLimit.ToString(), "--memory-limit", MemoryLimitMb.ToString()]);
        Elapsed = clock.Elapsed;
        RunTimes.Record("grade", "hostile submissions", Elapsed);
        NetworkReached = _listener.Pending();
        Csv = File.Exists(Path.Combine(Out, "gradebook.csv")) ? File.ReadAllText(Path.Combine(Out, "gradebook.csv")) : "";
        Rows = ParseCsv(Csv);
    }

    public Task DisposeAsync()
    {
        _listener.Stop();
        File.Delete(PlantedInRepository);
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The gradebook row of <paramref name="student"/>'s lesson.</summary>
    public string[] Row(string student, string lesson = One) =>
        Rows.Skip(1).Single(r => r[0] == student && r[1] == lesson);

    /// <summary>The feedback page of <paramref name="student"/>.</summary>
    public string Page(string student) => File.ReadAllText(Path.Combine(Out, "feedback", GradeCommand.PageName(student)));

    /// <summary>Code that tries <paramref name="expression"/> and prints whether it got through.</summary>
    static string Attempt(string statement) =>
        $"try {{ {statement}; Console.WriteLine(\"GOT THROUGH\"); }} catch (Exception e) {{ Console.WriteLine(\"blocked: \" + e.GetType().Name); }}\n";

    static string Teacher(string lesson, string file) => File.ReadAllText(Path.Combine(Samples.Root, "notebooks", "teacher", lesson, file));

    /// <summary>The course's notebook with <paramref name="answer"/> in its exercise cell (and, if given, a changed check cell) and a saved "(attempt 2)".</summary>
    void Notebook(string student, string lesson, string answer, string? check = null)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "notebooks", lesson + ".ipynb")))!;
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            var tags = cell!["metadata"]?["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
            if (tags.Contains("exercise"))
                cell["source"] = answer;
            if (tags.Contains("check"))
            {
                if (check is not null)
                    cell["source"] = check;
                cell["outputs"] = new JsonArray(new JsonObject
                {
                    ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new JsonArray("✗ Not yet (attempt 2): got [0]\n"),
                });
            }
        }
        var folder = Directory.CreateDirectory(Path.Combine(Submissions, student)).FullName;
        File.WriteAllText(Path.Combine(folder, lesson + ".ipynb"), notebook.ToJsonString());
    }

    /// <summary>The course's app with <paramref name="answer"/> between its answer marks.</summary>
    void App(string student, string lesson, string answer)
    {
        var app = File.ReadAllText(Path.Combine(Samples.Root, "notebooks", lesson + ".cs"));
        var begin = app.IndexOf(AppWriter.ExerciseBegin, StringComparison.Ordinal) + AppWriter.ExerciseBegin.Length + 1;
        var end = app.IndexOf(AppWriter.ExerciseEnd, StringComparison.Ordinal);
        var folder = Directory.CreateDirectory(Path.Combine(Submissions, student)).FullName;
        File.WriteAllText(Path.Combine(folder, lesson + ".cs"), app[..begin] + answer + app[end..]);
    }

    /// <summary>RFC 4180: fields split at commas outside quotes, "" a quote inside them.</summary>
    public static IReadOnlyList<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { fields.Add(field.ToString()); field.Clear(); rows.Add([.. fields]); fields.Clear(); }
            else field.Append(c);
        }
        return rows;
    }
}
