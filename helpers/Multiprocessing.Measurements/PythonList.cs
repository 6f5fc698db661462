using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Multiprocessing.Measurements;

/// <summary>Writes a sequence as Python prints a list: <c>[0, 1, 4]</c>, <c>['a', 'b']</c>, <c>[True, False]</c>, <c>[(1, 2)]</c>.</summary>
public static class PythonList
{
    /// <summary>Equivalent of Python's <c>repr(list(items))</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="items"/> is null.</exception>
    public static string Format(IEnumerable items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return "[" + string.Join(", ", items.Cast<object?>().Select(Repr)) + "]";
    }

    /// <summary>Equivalent of Python's <c>repr(value)</c> for the values lessons print.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Repr(tuple[i]))) + (tuple.Length == 1 ? ",)" : ")"),
        IEnumerable sequence => Format(sequence),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
