using System.Reflection;
using System.Reflection.Emit;

namespace Multiprocessing.Parent;

/// <summary>
/// Names the variables a lambda uses from outside itself, by reading the fields its IL touches: captured locals
/// live in a closure class, and a notebook's variables are fields of the cell's script class.
/// </summary>
internal static class CapturedVariables
{
    static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>The names of the fields <paramref name="method"/> reads or writes, without compiler plumbing; empty if it cannot tell.</summary>
    public static IReadOnlyList<string> Of(MethodInfo method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            return [];
        var names = new List<string>();
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (!Operands.TryGetValue(value, out var operand))
                return names; // not IL we understand: report what we have
            if (operand == OperandType.InlineField && TryName(method, BitConverter.ToInt32(il, i)) is { } name && !names.Contains(name))
                names.Add(name);
            i += Size(operand, il, i);
        }
        return names;
    }

    static string? TryName(MethodInfo method, int token)
    {
        try
        {
            var generics = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var field = method.Module.ResolveField(token, generics, method.IsGenericMethod ? method.GetGenericArguments() : null);
            if (field is null || field.IsStatic)
                return null;
            var name = field.Name;
            if (name.StartsWith('<'))
            {
                // Hoisted locals are "<name>5__2"; "<>4__this" and "<Submission#3>" are plumbing.
                int end = name.IndexOf('>');
                name = end > 1 ? name[1..end] : "";
                if (name.Length == 0 || name.StartsWith("Submission#"))
                    return null;
            }
            return name;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    static int Size(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
