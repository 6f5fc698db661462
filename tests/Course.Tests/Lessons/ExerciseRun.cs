namespace Course.Tests.Lessons;

/// <summary>What a lesson's exercise check said, run after the stub, each wrong answer and the solution.</summary>
/// <param name="Stub">The check's output after the stub the lesson ships with.</param>
/// <param name="Wrong">The check's output after each wrong answer of notebooks/teacher/NN-name/, in order; empty where the
/// front end runs none (an app runs only the stub and the solution).</param>
/// <param name="Solved">The check's output after the solution.</param>
/// <param name="Hints">What <c>Exercise.Hint()</c> said, asked before any check and after the stub's; empty where not asked (an app).</param>
public sealed record ExerciseRun(string Stub, IReadOnlyList<string> Wrong, string Solved, IReadOnlyList<string> Hints);
