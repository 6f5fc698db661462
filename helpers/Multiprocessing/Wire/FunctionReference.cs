using System.Reflection;
using System.Runtime.CompilerServices;
using Multiprocessing.Parent;
using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Wire;

/// <summary>
/// What a child process needs to find a function: the assembly file, and the method's
/// metadata token inside it. Built in the parent from a delegate; resolved in the child.
/// </summary>
/// <param name="AssemblyPath">The file the child loads.</param>
/// <param name="MetadataToken">The method's token in that assembly's manifest module.</param>
/// <param name="GenericArguments">Assembly-qualified names of a generic method's type arguments.</param>
/// <param name="DisplayName">Type and method name, for error messages.</param>
/// <param name="NeedsLambdaInstance">True for a lambda that captures nothing: the compiler makes it an instance method of a singleton.</param>
internal sealed record FunctionReference(
    string AssemblyPath,
    int MetadataToken,
    string[] GenericArguments,
    string DisplayName,
    bool NeedsLambdaInstance)
{
    /// <summary>
    /// Files for in-memory assemblies (earlier notebook cells) the function may need, by assembly name.
    /// They travel with the function because a worker may have started before they were written.
    /// </summary>
    public IReadOnlyDictionary<string, string> Dependencies { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Identifies the method behind <paramref name="function"/>. Throws <see cref="ArgumentException"/>,
    /// naming the problem and the fix, when a child process could not run it.
    /// </summary>
    public static FunctionReference From(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.GetInvocationList().Length > 1)
            throw new ArgumentException("A multicast delegate cannot run in a child process. Pass one function.", nameof(function));

        var method = function.Method;
        var name = Describe(method);
        bool needsLambdaInstance = false;

        if (function.Target is { } target)
        {
            var type = target.GetType();
            if (IsCapturelessLambdaHolder(type))
                needsLambdaInstance = true;
            else if (IsScriptCell(type) && !method.Name.StartsWith('<'))
                throw new ArgumentException(
                    $"{method.Name} is not static, so it belongs to its notebook cell, which lives only in this process. " +
                    $"Declare it static (static ... {method.Name}(...)) and pass what it needs as arguments.",
                    nameof(function));
            else if (type.IsDefined(typeof(CompilerGeneratedAttribute)) || IsScriptCell(type))
                throw new ArgumentException(
                    $"The lambda {name} captures {CapturedNames(method, type)}. A child process does not share this process's memory, " +
                    "so it cannot see captured variables. Pass them as arguments instead, or make the lambda static.",
                    nameof(function));
            else
                throw new ArgumentException(
                    $"{name} is an instance method, so it needs the object it belongs to, which lives only in this process. " +
                    "Make the method static and pass what it needs as arguments.",
                    nameof(function));
        }

        var declaringType = method.DeclaringType;
        if (declaringType is { IsGenericType: true })
            throw new ArgumentException(
                $"{name} is declared in a generic type{(needsLambdaInstance ? " (a lambda inside a generic method)" : "")}, which a child process cannot rebuild. " +
                "Make it a static method of a non-generic class.", nameof(function));

        if (HotReloadedAssemblies.Contains(method.Module.Assembly))
            throw new ArgumentException(
                $"{name} is in {method.Module.Assembly.GetName().Name}, which hot reload has changed in this process since it was built. " +
                "A child process loads the assembly from disk, as it was built, so it would run the old code. Restart the app " +
                "(dotnet watch restarts it with Ctrl+R) so that children run the edit.", nameof(function));

        var path = AssemblyLocator.Locate(method.Module.Assembly)
            ?? throw new ArgumentException(SingleFileApp.IsBundled(method.Module.Assembly)
                ? SingleFileApp.Refusal($"{name}'s assembly, '{method.Module.Assembly.GetName().Name}',").Message
                : $"{name} lives in the in-memory assembly '{method.Module.Assembly.GetName().Name}', which a child process cannot load. " +
                "Define the function in a compiled project, or set a front end that writes it to disk: FrontEnd.Use with an IFrontEnd whose LocateAssembly returns its file.",
                nameof(function));

        var token = method.IsGenericMethod ? ((MethodInfo)method).GetGenericMethodDefinition().MetadataToken : method.MetadataToken;
        var genericArguments = method.IsGenericMethod
            ? method.GetGenericArguments().Select(t => t.AssemblyQualifiedName!).ToArray()
            : [];
        return new FunctionReference(path, token, genericArguments, name, needsLambdaInstance)
        {
            Dependencies = AssemblyLocator.OfferedFiles(),
        };
    }

    /// <summary>Identifies the function for caches: records compare arrays by reference, so they cannot be the key.</summary>
    internal string Key => $"{AssemblyPath}|{MetadataToken}|{string.Join(",", GenericArguments)}|{NeedsLambdaInstance}";

    /// <summary>The compiler puts lambdas that capture nothing on a singleton class named <c>&lt;&gt;c</c> (<c>&lt;&gt;c__N`1</c> in generic methods).</summary>
    static bool IsCapturelessLambdaHolder(Type type) =>
        // Roslyn leaves the attribute off the holder in script (notebook cell) classes.
        (type.IsDefined(typeof(CompilerGeneratedAttribute)) || (type.DeclaringType is { } cell && IsScriptCell(cell)))
        && type.Name.StartsWith("<>c", StringComparison.Ordinal)
        && !type.Name.StartsWith("<>c__DisplayClass", StringComparison.Ordinal)
        && type.GetField("<>9", BindingFlags.Public | BindingFlags.Static) is not null;

    /// <summary>Notebook cells compile to script classes named Submission#N; their top-level variables are its fields.</summary>
    static bool IsScriptCell(Type type) => type.Name.StartsWith("Submission#", StringComparison.Ordinal);

    static string CapturedNames(MethodInfo method, Type closure)
    {
        var used = CapturedVariables.Of(method);
        if (used.Count > 0)
            return string.Join(", ", used);
        var names = closure.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.Name.StartsWith("<>") ? "the enclosing object (this)" : f.Name)
            .Distinct()
            .ToArray();
        return names.Length == 0 ? "variables" : string.Join(", ", names);
    }

    static string Describe(MethodInfo method) => CSharpName.Of(method);
}
