using System.Reflection;
using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>
/// How the items of a task travel: a JSON array of argument lists, <c>[[a1], [a2], …]</c> for a one-parameter function,
/// <c>[[a1, b1], …]</c> for a <c>Starmap</c>, each value as its parameter's type. A worker process and a silo's grain
/// read the same form, so the process pool and the cluster (<c>ClusterClient</c>) both write it here.
/// </summary>
internal static class ArgumentLists
{
    /// <summary>An item that is a function's only argument.</summary>
    public static void WriteOne<T>(Utf8JsonWriter json, T item, ParameterInfo[] parameters) =>
        ValueCodec.Write(json, item, parameters[0]);

    /// <summary>An item that is a two-parameter function's arguments (<c>Starmap</c>, <c>Apply</c>).</summary>
    public static void WriteTwo<T1, T2>(Utf8JsonWriter json, (T1, T2) item, ParameterInfo[] parameters)
    {
        ValueCodec.Write(json, item.Item1, parameters[0]);
        ValueCodec.Write(json, item.Item2, parameters[1]);
    }

    /// <summary>An item that is a three-parameter function's arguments (<c>Starmap</c>, <c>Apply</c>).</summary>
    public static void WriteThree<T1, T2, T3>(Utf8JsonWriter json, (T1, T2, T3) item, ParameterInfo[] parameters)
    {
        ValueCodec.Write(json, item.Item1, parameters[0]);
        ValueCodec.Write(json, item.Item2, parameters[1]);
        ValueCodec.Write(json, item.Item3, parameters[2]);
    }

    /// <summary>Writes <paramref name="count"/> items from <paramref name="start"/> as one task's array of argument lists.</summary>
    public static void Write<TItem>(Utf8JsonWriter json, IReadOnlyList<TItem> items, int start, int count,
        ParameterInfo[] parameters, ArgumentWriter<TItem> write)
    {
        json.WriteStartArray();
        for (int i = start; i < start + count; i++)
        {
            json.WriteStartArray();
            write(json, items[i], parameters);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
