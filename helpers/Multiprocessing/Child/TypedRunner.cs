using System.Reflection;
using System.Text.Json;
using Multiprocessing.Wire;

namespace Multiprocessing.Child;

// Typed runners for functions of zero to three parameters: a direct delegate call per item, no boxing.

internal sealed class TypedRunner<TResult>(MethodInfo method, object? target, ParameterInfo[] parameters) : FunctionRunner
{
    readonly Func<TResult> _call = parameters.Length == 0
        ? method.CreateDelegate<Func<TResult>>(target)
        : throw new ArgumentException("A runner for functions without parameters.", nameof(parameters));

    public override void Run(ref Utf8JsonReader items, Utf8JsonWriter results)
    {
        while (items.Read() && items.TokenType == JsonTokenType.StartArray)
        {
            items.Read(); // end of the empty argument list
            ValueCodec.Write(results, _call(), null);
        }
    }
}

internal sealed class TypedRunner<T1, TResult>(MethodInfo method, object? target, ParameterInfo[] parameters) : FunctionRunner
{
    readonly Func<T1, TResult> _call = method.CreateDelegate<Func<T1, TResult>>(target);

    public override void Run(ref Utf8JsonReader items, Utf8JsonWriter results)
    {
        while (items.Read() && items.TokenType == JsonTokenType.StartArray)
        {
            items.Read();
            var a = ValueCodec.Read<T1>(ref items, parameters[0]);
            items.Read(); // end of the argument list
            ValueCodec.Write(results, _call(a), null);
        }
    }
}

internal sealed class TypedRunner<T1, T2, TResult>(MethodInfo method, object? target, ParameterInfo[] parameters) : FunctionRunner
{
    readonly Func<T1, T2, TResult> _call = method.CreateDelegate<Func<T1, T2, TResult>>(target);

    public override void Run(ref Utf8JsonReader items, Utf8JsonWriter results)
    {
        while (items.Read() && items.TokenType == JsonTokenType.StartArray)
        {
            items.Read();
            var a = ValueCodec.Read<T1>(ref items, parameters[0]);
            items.Read();
            var b = ValueCodec.Read<T2>(ref items, parameters[1]);
            items.Read();
            ValueCodec.Write(results, _call(a, b), null);
        }
    }
}

internal sealed class TypedRunner<T1, T2, T3, TResult>(MethodInfo method, object? target, ParameterInfo[] parameters) : FunctionRunner
{
    readonly Func<T1, T2, T3, TResult> _call = method.CreateDelegate<Func<T1, T2, T3, TResult>>(target);

    public override void Run(ref Utf8JsonReader items, Utf8JsonWriter results)
    {
        while (items.Read() && items.TokenType == JsonTokenType.StartArray)
        {
            items.Read();
            var a = ValueCodec.Read<T1>(ref items, parameters[0]);
            items.Read();
            var b = ValueCodec.Read<T2>(ref items, parameters[1]);
            items.Read();
            var c = ValueCodec.Read<T3>(ref items, parameters[2]);
            items.Read();
            ValueCodec.Write(results, _call(a, b, c), null);
        }
    }
}
