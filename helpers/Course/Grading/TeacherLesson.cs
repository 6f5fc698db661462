using Course.Apps;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Grading;

/// <summary>
/// What grading takes from one of the course's own notebooks: the cells tagged setup, support, exercise and check,
/// in notebook order. Only these run; the check is always the teacher's.
/// </summary>
internal sealed record TeacherLesson(
    string Number,
    string Name,
    IReadOnlyList<NotebookCell> Setup,
    IReadOnlyList<NotebookCell> Support,
    NotebookCell Exercise,
    NotebookCell Check,
    IReadOnlySet<string> CellIds,
    string ExerciseName,
    int ChecksReported)
{
    /// <summary>The lessons of the course that have an exercise, by number ("01").</summary>
    /// <exception cref="InvalidOperationException">Throws when a lesson's tags are not as grading needs them.</exception>
    public static IReadOnlyDictionary<string, TeacherLesson> LoadAll(IEnumerable<string> notebooks)
    {
        var lessons = new Dictionary<string, TeacherLesson>(StringComparer.Ordinal);
        foreach (var path in notebooks)
            if (Load(path) is { } lesson)
                lessons[lesson.Number] = lesson;
        return lessons;
    }

    /// <summary>The lesson in <paramref name="path"/>, or null when it has no exercise cell.</summary>
    public static TeacherLesson? Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var cells = NotebookCells.Parse(File.ReadAllText(path)).Where(c => c.IsCode).ToList();
        var exercise = cells.Where(c => c.Has("exercise")).ToList();
        if (exercise.Count == 0)
            return null;
        var check = cells.Where(c => c.Has("check")).ToList();
        if (exercise.Count != 1 || check.Count != 1 || exercise[0].Id is null || check[0].Id is null || check[0].Index < exercise[0].Index)
            throw new InvalidOperationException(
                $"{name}: grading needs one code cell tagged exercise and, after it, one tagged check, each with an id; it has {exercise.Count} and {check.Count}.");
        var ids = cells.Where(c => c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);
        return new TeacherLesson(
            name[..2], name,
            cells.Where(c => c.Has("setup") && c.Source.Trim() != AppWriter.SetupCell).ToList(),
            cells.Where(c => c.Has("support")).ToList(),
            exercise[0], check[0], ids,
            DeclaredName(exercise[0].Source) ?? name,
            CheckCalls(check[0].Source));
    }

    static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>The first function or type the exercise cell declares: what the learner writes, and the exercise's name.</summary>
    static string? DeclaredName(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        return root.DescendantNodes().Select(n => n switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            LocalFunctionStatementSyntax f => f.Identifier.Text,
            BaseTypeDeclarationSyntax t => t.Identifier.Text,
            _ => null,
        }).FirstOrDefault(n => n is not null);
    }

    /// <summary>How many results the check reports: its calls of Exercise.Check.</summary>
    static int CheckCalls(string code) =>
        CSharpSyntaxTree.ParseText(code, Script).GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Count(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Check", Expression: IdentifierNameSyntax { Identifier.Text: "Exercise" } });
}
