using System.Text;
using System.Text.Json;

namespace Multiprocessing.Measurements;

/// <summary>
/// Where a check's result goes besides the learner's screen: to the grader, when <c>course grade</c> runs the lesson
/// and a <see cref="GradeSession"/> is open. Outside grading it does nothing.
/// </summary>
internal static class ExerciseReport
{
    static GradeSession? _session;

    /// <summary>The session this process reports to; set once, by <see cref="GradeSession.Open"/>.</summary>
    internal static void Attach(GradeSession session)
    {
        if (Interlocked.CompareExchange(ref _session, session, null) is not null)
            throw new InvalidOperationException("A grading session is already open in this process.");
    }

    /// <summary>Reports one check's result to the grader, if one is listening.</summary>
    /// <param name="exercise">The exercise's name; empty for the older three-argument check, which names none.</param>
    /// <param name="passed">Whether the check passed.</param>
    /// <param name="attempt">The check's count of attempts in this process.</param>
    /// <param name="message">What the check told the learner.</param>
    public static void Write(string exercise, bool passed, int attempt, string message) =>
        _session?.Report(exercise, passed, attempt, message);
}

/// <summary>
/// The grader's side of a graded run, opened by the first statement of the program <c>course grade</c> generates,
/// before any of the learner's code runs: it reads the run's token from standard input and keeps it, and the raw
/// standard output, in memory only. Each check's result then goes out as one line that starts with the token, which
/// text the learner's code prints cannot carry (it never saw the token). Not for lessons: a lesson never opens one.
/// </summary>
public sealed class GradeSession
{
    readonly string _token;
    readonly Stream _output;
    readonly Lock _gate = new();
    bool _checking;
    bool _finished;

    GradeSession(string token, Stream output) => (_token, _output) = (token, output);

    /// <summary>Opens this process's one session: reads the token line from standard input. Throws the second time.</summary>
    /// <exception cref="InvalidOperationException">Throws when a session is already open, or standard input holds no token.</exception>
    public static GradeSession Open()
    {
        var input = Console.OpenStandardInput();
        var bytes = new List<byte>();
        int b;
        while ((b = input.ReadByte()) >= 0 && b != '\n' && bytes.Count < 256)
            bytes.Add((byte)b);
        var token = Encoding.ASCII.GetString(bytes.ToArray()).Trim();
        if (token.Length < 32)
            throw new InvalidOperationException("No grading token on standard input: this program is run by `course grade`.");
        var session = new GradeSession(token, Console.OpenStandardOutput());
        ExerciseReport.Attach(session);
        return session;
    }

    /// <summary>From here on, reports are the teacher's check's; before, a report is the answer's own and is flagged.</summary>
    public void BeginCheck()
    {
        lock (_gate) _checking = true;
        Send("check", new { });
    }

    /// <summary>The check cell ran to its end; reports after this are flagged.</summary>
    public void Finish()
    {
        lock (_gate) { _checking = false; _finished = true; }
        Send("done", new { });
    }

    internal void Report(string exercise, bool passed, int attempt, string message)
    {
        bool inCheck;
        lock (_gate) inCheck = _checking && !_finished;
        Send("report", new { exercise, passed, attempt, message, inCheck });
    }

    void Send(string kind, object payload)
    {
        var json = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload));
        var line = Encoding.UTF8.GetBytes($"\n{_token} {kind} {json}\n");
        lock (_gate)
        {
            _output.Write(line);
            _output.Flush();
        }
    }
}
