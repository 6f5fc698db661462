using System.Reflection;

namespace Multiprocessing.Wire;

/// <summary>
/// Types and methods as a C# programmer writes them, for error messages: <c>Square&lt;int&gt;</c>, <c>List&lt;string&gt;</c>,
/// <c>int?</c>, <c>double[]</c>, rather than the runtime's <c>Square</c>, <c>List`1</c>, <c>Nullable`1</c>, <c>Double[]</c>.
/// </summary>
internal static class CSharpName
{
    static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
        [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
    };

    /// <summary>A type's name with its type arguments, without its namespace: <c>Dictionary&lt;string, int[]&gt;</c>.</summary>
    public static string Of(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
            return keyword;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Of(underlying) + "?";
        if (type.IsArray)
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (type.IsByRef || type.IsPointer)
            return Of(type.GetElementType()!) + (type.IsPointer ? "*" : "");
        if (type.IsGenericParameter)
            return type.Name;
        var arguments = type.GetGenericArguments();
        if (!type.IsNested || type.DeclaringType is not { } declaring)
            return WithArguments(StripArity(type.Name), arguments);
        // A nested type carries its outer type's arguments first; the outer type is named with them, the nested one with the rest.
        int outerCount = declaring.GetGenericArguments().Length;
        var outer = outerCount > 0 && arguments.Length >= outerCount ? declaring.MakeGenericType(arguments[..outerCount]) : declaring;
        return Of(outer) + "." + WithArguments(StripArity(type.Name), arguments[Math.Min(outerCount, arguments.Length)..]);
    }

    /// <summary>A method as <c>Type.Method&lt;int&gt;</c>.</summary>
    public static string Of(MethodInfo method) =>
        $"{(method.DeclaringType is { } type ? Of(type) : "<global>")}.{WithArguments(method.Name, method.IsGenericMethod ? method.GetGenericArguments() : [])}";

    static string WithArguments(string name, Type[] arguments) =>
        arguments.Length == 0 ? name : $"{name}<{string.Join(", ", arguments.Select(Of))}>";

    /// <summary>"a" or "an" and the name: "an int", "a List&lt;int&gt;".</summary>
    public static string WithArticle(string name) => ("aeiou".Contains(char.ToLowerInvariant(name[0])) ? "an " : "a ") + name;

    static string StripArity(string name) => name.IndexOf('`') is int tick and >= 0 ? name[..tick] : name;
}
