using System.Reflection;
using System.Text;

namespace Course.TestSupport;

/// <summary>
/// An assembly's public surface as text, one line per type and member, sorted: a snapshot test compares it with the
/// committed file, so a change to what learners can call is made on purpose and shows in review.
/// </summary>
internal static class PublicApi
{
    /// <summary>Every public type of <paramref name="assembly"/> and its public and protected members.</summary>
    public static string Of(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.AppendLine(TypeLine(type));
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
                text.Append("    ").AppendLine(member);
        }
        return text.ToString();
    }

    /// <summary>
    /// Compares <paramref name="assembly"/>'s surface with the snapshot at <paramref name="snapshotPath"/>. On a
    /// difference it writes the new surface beside it (<c>.received.txt</c>) and says how to accept it.
    /// </summary>
    /// <returns>Null when they match, else a message listing the added and removed lines.</returns>
    public static string? Compare(Assembly assembly, string snapshotPath)
    {
        string actual = Of(assembly);
        string expected = File.Exists(snapshotPath) ? File.ReadAllText(snapshotPath).ReplaceLineEndings("\n") : "";
        string received = Path.ChangeExtension(snapshotPath, ".received.txt");
        if (actual.ReplaceLineEndings("\n") == expected)
        {
            File.Delete(received);
            return null;
        }
        File.WriteAllText(received, actual);
        var before = expected.Split('\n').ToHashSet();
        var after = actual.ReplaceLineEndings("\n").Split('\n').ToHashSet();
        return $"The public API of {assembly.GetName().Name} changed. Added:\n{string.Join("\n", after.Except(before))}\n" +
               $"Removed:\n{string.Join("\n", before.Except(after))}\n" +
               $"If that is meant, accept it: mv {received} {snapshotPath}";
    }

    static string TypeLine(Type type)
    {
        string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
            : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(type))
            bases.Add(Name(b));
        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    static IEnumerable<string> Members(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var member in type.GetMembers(Flags))
        {
            switch (member)
            {
                case ConstructorInfo c when Visible(c):
                    yield return $"{Access(c)}{(c.IsStatic ? "static " : "")}.ctor({Parameters(c)})";
                    break;
                case MethodInfo m when Visible(m) && !m.IsSpecialName:
                    yield return $"{Access(m)}{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{Generics(m)}({Parameters(m)})";
                    break;
                case PropertyInfo p when p.GetAccessors(true).Any(Visible):
                    yield return $"{Name(p.PropertyType)} {p.Name}{{{string.Concat(p.GetAccessors(true).Where(Visible).Select(a => a.Name.StartsWith("get_") ? " get;" : " set;"))} }}";
                    break;
                case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                    if (!type.IsEnum || f.IsStatic)
                        yield return $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}";
                    break;
                case EventInfo e when e.AddMethod is { } add && Visible(add):
                    yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
                    break;
                case Type nested when nested.IsNestedPublic:
                    break; // listed as a type of its own
            }
        }
    }

    static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    static string Access(MethodBase m) => m.IsPublic ? "" : "protected ";

    static string Modifiers(MethodInfo m) =>
        m.IsStatic ? "static " : m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m ? "virtual "
        : m.GetBaseDefinition() != m ? "override " : "";

    static string Generics(MethodInfo m) => m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{(p.GetCustomAttribute<ParamArrayAttribute>() is null ? "" : "params ")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? (p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? "default" : "null")) : "")}"));

    static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(int)] = "int", [typeof(long)] = "long",
        [typeof(double)] = "double", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(char)] = "char",
    };

    // Namespaces a reader knows, left off so the lines stay readable.
    static readonly string[] Familiar = ["System", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks"];

    static string Name(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
            return keyword;
        if (type.IsByRef)
            return Name(type.GetElementType()!);
        if (type.IsArray)
            return Name(type.GetElementType()!) + "[]";
        if (type.IsGenericParameter)
            return type.Name;
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Name(inner) + "?";
        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace is null || Familiar.Contains(type.Namespace) ? type.Name : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
            return name;
        int tick = name.IndexOf('`');
        var arguments = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", arguments.Select(Name)) + ">";
    }
}
