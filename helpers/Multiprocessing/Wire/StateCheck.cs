using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Multiprocessing.Wire;

/// <summary>
/// Proves, before any process runs, that a value of a type arrives equal to what was sent: every field of the type
/// (its state) must be written to JSON and read back, as a public property with a setter or an init, a constructor
/// parameter of the same name, a public field, or a member marked <c>[JsonInclude]</c>. A type whose state JSON cannot
/// see (a private field behind a read-only property, a captured primary-constructor parameter) would travel as a
/// different value with no error, so it is refused, naming the type, the member and the fix. Types the serializer
/// writes with a converter of their own (numbers, strings, dates, shared memory) are taken as they are.
/// </summary>
internal static class StateCheck
{
    static readonly ConcurrentDictionary<Type, string?> Verdicts = new();

    /// <summary>Throws, naming <paramref name="what"/>, when a value of <paramref name="type"/> would not arrive whole.</summary>
    public static void Check(Type type, string what)
    {
        if (type == typeof(void))
            return;
        if (Problem(type) is { } problem)
            throw new ArgumentException($"{what} of type {Name(type)} would not arrive as it was sent: {problem}");
    }

    /// <summary>Checks each parameter of a function, naming the one at fault.</summary>
    public static void CheckParameters(ParameterInfo[] parameters)
    {
        foreach (var parameter in parameters)
            Check(parameter.ParameterType, $"Argument '{parameter.Name}'");
    }

    /// <summary>
    /// A value of a class derived from the declared type travels as the declared type: what the derived class adds would
    /// be lost, and the other side would build the declared type.
    /// </summary>
    public static void CheckRuntimeType(object? value, Type declared, string what)
    {
        if (value is null || value.GetType() == declared || declared.IsValueType || Nullable.GetUnderlyingType(declared) is not null)
            return;
        if (Kind(declared) == JsonTypeInfoKind.Object || declared == typeof(object))
            throw new ArgumentException(
                $"{what} is declared as {Name(declared)} but was given a {Name(value.GetType())}: it would travel and arrive as a " +
                $"{Name(declared)}, losing what {Name(value.GetType())} adds. Declare the parameter as {Name(value.GetType())}.");
    }

    static string? Problem(Type type) => Verdicts.GetOrAdd(type, static t => Find(t, []));

    static string? Find(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum || typeof(Delegate).IsAssignableFrom(type))
            return null;
        if (type == typeof(object))
            return "a value declared as object arrives as a JsonElement, not as what was sent. Declare the parameter with the value's own type.";
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Find(underlying, seen);
        JsonTypeInfo info;
        try
        {
            info = WireFormat.Options.GetTypeInfo(type);
        }
        catch (Exception e) when (WireFormat.IsSerializerError(e))
        {
            return null; // the serializer refuses it itself, with its own message, when a value is written
        }
        switch (info.Kind)
        {
            case JsonTypeInfoKind.None:
                return null; // a converter of its own writes the whole value
            case JsonTypeInfoKind.Enumerable:
                return info.ElementType is { } element ? Inside(element, seen, "its items") : null;
            case JsonTypeInfoKind.Dictionary:
                return (info.KeyType is { } key ? Inside(key, seen, "its keys") : null)
                    ?? (info.ElementType is { } value ? Inside(value, seen, "its values") : null);
        }
        if (LostMember(type, info) is { } lost)
            return lost;
        foreach (var property in info.Properties)
            if (Inside(property.PropertyType, seen, $"its member {property.Name}") is { } inner)
                return inner;
        return null;
    }

    static string? Inside(Type type, HashSet<Type> seen, string where) =>
        Find(type, seen) is { } problem ? $"{where}, of type {Name(type)}: {problem}" : null;

    /// <summary>The first field of <paramref name="type"/> whose value JSON would not carry there and back, as a sentence.</summary>
    static string? LostMember(Type type, JsonTypeInfo info)
    {
        for (var level = type; level is not null && level != typeof(object) && level != typeof(ValueType); level = level.BaseType)
        {
            foreach (var field in level.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (typeof(Delegate).IsAssignableFrom(field.FieldType))
                    continue; // an event's handlers mean nothing in another process
                var (name, isField) = MemberName(field);
                var property = info.Properties.FirstOrDefault(p => p.AttributeProvider is MemberInfo m && m.Name == name)
                    ?? info.Properties.FirstOrDefault(p => (p.Get is not null || p.Set is not null) && Matches(p, name));
                if (property is null)
                    return isField
                        ? $"its field {field.Name} is not written to JSON, so the other side would get its default value. {Fix(type)}"
                        : $"{name} is not written to JSON, so the other side would get its default value. {Fix(type)}";
                if (property.Get is null)
                    return $"{property.Name} is not written to JSON ([JsonIgnore], or it cannot be read), so the other side would get its default value. {Fix(type)}";
                if (property.Set is null && property.AssociatedParameter is null)
                    return (isField && field.Name != property.Name
                            ? $"its field {field.Name} is only readable through {property.Name}, which has no setter and no constructor parameter, "
                            : $"{property.Name} has no setter and no constructor parameter, ")
                        + $"so it would be written but not read back: the other side would get its default value. {Fix(type)}";
            }
        }
        return null;
    }

    /// <summary>
    /// The member a field holds the state of: an auto-property's name for its backing field, a primary constructor's
    /// parameter for a captured one, else the field's own name (also matched without a leading <c>_</c> or <c>m_</c>).
    /// </summary>
    static (string Name, bool IsField) MemberName(FieldInfo field)
    {
        var name = field.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end)
            return (name[1..end], name.EndsWith("k__BackingField", StringComparison.Ordinal) ? false : true);
        return (name, true);
    }

    static bool Matches(JsonPropertyInfo property, string name)
    {
        if (property.AttributeProvider is MemberInfo member && member.Name == name)
            return true;
        var bare = name.StartsWith("m_", StringComparison.Ordinal) ? name[2..] : name.TrimStart('_');
        return string.Equals(property.Name, bare, StringComparison.OrdinalIgnoreCase)
            || property.AttributeProvider is MemberInfo m && string.Equals(m.Name, bare, StringComparison.OrdinalIgnoreCase);
    }

    static string Fix(Type type) => type.Namespace is { } ns && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal))
        ? "Pass the data it holds instead: numbers, strings, arrays, lists, records, or a SharedArray<T>."
        : $"Make {Name(type)} a record, give it public properties with setters (or a constructor whose parameters match them), " +
          "or mark the member [JsonInclude].";

    static JsonTypeInfoKind Kind(Type type)
    {
        try { return WireFormat.Options.GetTypeInfo(type).Kind; }
        catch (Exception e) when (WireFormat.IsSerializerError(e)) { return JsonTypeInfoKind.None; }
    }

    static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
