using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Apps;

/// <summary>
/// Writes a lesson notebook as a .NET file-based app that teaches the same lesson in the same order:
/// Markdown cells become comment blocks, code cells statements, declared types move to the end of the file
/// (as top-level programs require), and a cell's trailing expression becomes <c>LessonApp.Show(...)</c>.
/// Equivalent of <c>course apps</c> for one notebook.
/// </summary>
internal static class AppWriter
{
    /// <summary>The setup cell every lesson starts with; in an app it becomes the file's directives.</summary>
    public const string SetupCell = "#load \"../helpers/setup.csx\"";

    /// <summary>The command that writes the apps, named in each app's header.</summary>
    public const string Command = "dotnet run --project helpers/Course -- apps";

    /// <summary>The line before the exercise's code in an app: <c>course grade</c> takes what is between it and <see cref="ExerciseEnd"/>.</summary>
    public const string ExerciseBegin = "// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.";

    /// <summary>The line after the exercise's code in an app.</summary>
    public const string ExerciseEnd = "// ▲ End of your answer.";

    static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>
    /// The app's source for the notebook at <paramref name="path"/>. Raises <see cref="InvalidOperationException"/>, naming
    /// the notebook and the cell, for a cell an app cannot hold (a magic command, a field, a syntax error).
    /// </summary>
    public static string Write(string path, InteractiveDocument notebook)
    {
        var name = Path.GetFileName(path);
        var app = Path.ChangeExtension(name, ".cs");
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        string? title = null;
        var cells = notebook.Elements;
        var sawSetup = false;
        // The exercise cell, by its tag in the notebook's JSON: the Interactive Documents model keeps no tags.
        var exercise = File.Exists(path)
            ? Grading.NotebookCells.Parse(File.ReadAllText(path)).FirstOrDefault(c => c.IsCode && c.Has("exercise"))?.Source.Trim()
            : null;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index];
            try
            {
                if (cell.IsMarkdown())
                {
                    title ??= MarkdownTitle(cell.Contents);
                    body.Append(MarkdownComment.Write(cell.Contents)).Append('\n');
                }
                else if (cell.Contents.Trim() == SetupCell)
                    sawSetup = true;
                else if (exercise is not null && cell.Contents.Replace("\r\n", "\n").Trim() == exercise)
                {
                    body.Append(ExerciseBegin).Append('\n');
                    var before = body.Length;
                    Translate(cell.Contents, usings, body, types);
                    if (body.Length > before)
                        body.Length -= 1; // a cell ends with a blank line, but none goes before the end mark
                    body.Append(ExerciseEnd).Append("\n\n");
                    exercise = null;
                }
                else if (!string.IsNullOrWhiteSpace(cell.Contents))
                    Translate(cell.Contents, usings, body, types);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{name}: cell {index + 1}: {e.Message}", e);
            }
        }
        if (!sawSetup)
            throw new InvalidOperationException($"{name}: no cell is the setup cell ({SetupCell}), so it is not a lesson the apps can be written from.");

        var file = new StringBuilder();
        file.Append($"""
            // {app}: this lesson as a .NET file-based app. Run it from the repository root with
            //     dotnet run notebooks/{app}
            // Written from {name} by `{Command}`: change the notebook, then run that command again.
            // The exercise is the one place to edit here: change the stub and run the app again.
            // The helpers are built by the first run; if they fail to build, it prints the build command to run.
            #:project ../helpers/Course.Apps
            // The lesson's own code, the functions it times included, is compiled with optimizations.
            #:property Optimize=true
            // A lesson runs on the full runtime, not as a native AOT program: file-based apps default to PublishAot,
            // which turns dynamic code off, and Orleans's client (the cluster lesson) needs it.
            #:property PublishAot=false

            """);
        foreach (var directive in usings.Append("using Course.Apps;").Distinct())
            file.Append(directive).Append('\n');
        file.Append('\n');
        file.Append($"LessonApp.Start({SymbolDisplay.FormatLiteral(title ?? Path.GetFileNameWithoutExtension(name), quote: true)});\n\n");
        file.Append(body.ToString().TrimEnd('\n')).Append("\n\n");
        file.Append("LessonApp.Finish();\n");
        if (types.Length > 0)
            file.Append('\n').Append(types.ToString().TrimEnd('\n')).Append('\n');
        return file.ToString();
    }

    /// <summary>
    /// Appends a code cell as an app holds it: its usings to <paramref name="usings"/>, its statements and local
    /// functions to <paramref name="body"/>, its types to <paramref name="types"/>. Grading writes its programs with it too.
    /// </summary>
    /// <exception cref="InvalidOperationException">Throws for a cell an app cannot hold, saying why.</exception>
    internal static void Translate(string code, List<string> usings, StringBuilder body, StringBuilder types)
    {
        var tree = CSharpSyntaxTree.ParseText(code, Script);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && !IsMissingTrailingSemicolon(root, d)) is { } error)
            throw new InvalidOperationException($"an app cannot hold it: {error.GetMessage()} (line {error.Location.GetLineSpan().StartLinePosition.Line + 1}).");
        if (root.DescendantTrivia().FirstOrDefault(t => t.IsDirective) is { } directive && directive != default)
            throw new InvalidOperationException($"an app cannot hold the directive '{directive.ToString().Trim()}': only the setup cell's #load becomes the app's #:project.");
        if (root.Externs.Count > 0 || root.AttributeLists.Count > 0)
            throw new InvalidOperationException("an app cannot hold extern aliases or assembly attributes in a cell.");
        foreach (var directive2 in root.Usings)
            usings.Add(directive2.ToString().Trim());

        // Statements and local functions keep the cell's own text and spacing; types leave for the end of the file.
        var statements = new StringBuilder();
        var members = root.Members;
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            switch (member)
            {
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    types.Append(member.ToFullString().Trim('\n', '\r')).Append("\n\n");
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } expression } when i == members.Count - 1:
                    statements.Append(member.GetLeadingTrivia().ToFullString()).Append($"LessonApp.Show({expression.Expression.ToString().Trim()});");
                    break;
                // A cell's method is a local function in a top-level program, where 'static' keeps it free of captures;
                // a script reads "List<int> squares;" and "const int N = 5;" as fields, a top-level program the same text as locals.
                case GlobalStatementSyntax or MethodDeclarationSyntax:
                case FieldDeclarationSyntax field when field.Modifiers.All(m => m.IsKind(SyntaxKind.ConstKeyword)):
                    statements.Append(member.ToFullString());
                    break;
                default:
                    throw new InvalidOperationException(
                        $"an app cannot hold this {member.Kind()} at the top of a cell: '{FirstLine(member)}'. " +
                        "Top-level programs allow statements, local functions and types; put state in a static class.");
            }
        }
        var text = statements.ToString().Trim('\n', '\r', ' ');
        if (text.Length > 0)
            body.Append(text).Append("\n\n");
    }

    static bool IsMissingTrailingSemicolon(CompilationUnitSyntax root, Diagnostic diagnostic) =>
        diagnostic.Id == "CS1002" && root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };

    static string FirstLine(SyntaxNode node) => node.ToString().Split('\n')[0].Trim();

    static string? MarkdownTitle(string markdown) =>
        markdown.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();
}
