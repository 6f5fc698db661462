using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Course.Apps;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Grading;

/// <summary>
/// The small program that grades one answer: the lesson's setup and support cells, the student's answer and the
/// teacher's check, made into a top-level program the way the apps are, and compiled here with Roslyn. Compiling runs
/// none of the student's code, so it happens outside the sandbox; only the compiled program runs inside it.
/// </summary>
internal static class AnswerProgram
{
    /// <summary>The program's assembly name; its files are <c>Answer.dll</c> and <c>Answer.runtimeconfig.json</c>.</summary>
    public const string AssemblyName = "Answer";

    static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>The program's source. Its first statement opens the grading session, before any student code runs.</summary>
    /// <exception cref="InvalidOperationException">Throws, with a sentence, when the answer is not code a program can hold.</exception>
    public static string Source(TeacherLesson lesson, string answer)
    {
        var usings = new List<string>();
        var types = new StringBuilder();
        var before = new StringBuilder();
        foreach (var cell in lesson.Setup.Concat(lesson.Support).OrderBy(c => c.Index))
            AppWriter.Translate(cell.Source, usings, before, types);
        var student = new StringBuilder();
        try
        {
            AppWriter.Translate(answer, usings, student, types);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Your answer cannot be compiled: {e.Message}", e);
        }
        var check = new StringBuilder();
        AppWriter.Translate(lesson.Check.Source, usings, check, types);

        // A name the student cannot know when writing, so no answer can refer to the session's variable.
        var session = "grading_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        // The usings a file-based app (and the notebook kernel) brings implicitly.
        var program = new StringBuilder("""
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;

            """);
        foreach (var directive in usings.Distinct())
            program.Append(directive).Append('\n');
        program.Append($"var {session} = Multiprocessing.Measurements.GradeSession.Open();\n\n");
        program.Append(before).Append("// ---- the answer ----\n").Append(student).Append("// ---- the check ----\n");
        program.Append($"{session}.BeginCheck();\n").Append(check).Append($"{session}.Finish();\n\n");
        program.Append(types);
        program.Append("static class LessonApp { public static void Show(object? value) => System.Console.WriteLine(value); }\n");
        return program.ToString();
    }

    /// <summary>Compiles <paramref name="source"/> into <paramref name="folder"/>; returns null, or the errors in a few lines.</summary>
    public static string? Compile(string source, string folder)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Parse, path: "Answer.cs");
        var compilation = CSharpCompilation.Create(AssemblyName, [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Disable, allowUnsafe: false));
        // A module initializer would run before the program's first statement, and could read the session's token.
        var initializer = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member).OfType<IMethodSymbol>()
            .FirstOrDefault(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == "ModuleInitializerAttribute"));
        if (initializer is not null)
            return $"{initializer.Name} is a [ModuleInitializer]: grading does not run code before the program starts; remove the attribute.";
        using var dll = new MemoryStream();
        var result = compilation.Emit(dll);
        if (!result.Success)
        {
            var lines = source.Split('\n');
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).Select(d =>
            {
                var line = d.Location.GetLineSpan().StartLinePosition.Line;
                return $"{d.Id}: {d.GetMessage()} (in '{(line < lines.Length ? lines[line].Trim() : "")}')";
            });
            return "Your answer does not compile: " + string.Join("; ", errors);
        }
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, AssemblyName + ".dll"), dll.ToArray());
        File.WriteAllText(Path.Combine(folder, AssemblyName + ".runtimeconfig.json"), RuntimeConfig);
        return null;
    }

    /// <summary>The program runs on this runtime's major version, with workstation GC, as a lesson's app does.</summary>
    static readonly string RuntimeConfig = $$"""
        {
          "runtimeOptions": {
            "tfm": "net{{Environment.Version.Major}}.{{Environment.Version.Minor}}",
            "framework": { "name": "Microsoft.NETCore.App", "version": "{{Environment.Version.Major}}.{{Environment.Version.Minor}}.0" },
            "configProperties": { "System.GC.Server": false, "System.Globalization.Invariant": false }
          }
        }
        """;

    /// <summary>
    /// The course's helper assemblies a graded program loads (Multiprocessing, Multiprocessing.Measurements and what they
    /// reference), from this tool's own folder: bound read-only beside the program in the sandbox.
    /// </summary>
    public static Lazy<IReadOnlyList<string>> Libraries { get; } = new(FindLibraries);

    static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Where(IsManaged)
            .Concat(Libraries.Value)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    static IReadOnlyList<string> FindLibraries()
    {
        var folder = AppContext.BaseDirectory;
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["Multiprocessing", "Multiprocessing.Measurements"]);
        while (pending.TryDequeue(out var name))
        {
            var path = Path.Combine(folder, name + ".dll");
            if (found.ContainsKey(name) || !File.Exists(path))
                continue;
            found[name] = path;
            using var pe = new PEReader(File.OpenRead(path));
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
                pending.Enqueue(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
        }
        if (!found.ContainsKey("Multiprocessing.Measurements"))
            throw new InvalidOperationException($"The course helpers are not beside the course tool in {folder}; build helpers/Course again.");
        return found.Values.ToList();
    }

    static bool IsManaged(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            return pe.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
