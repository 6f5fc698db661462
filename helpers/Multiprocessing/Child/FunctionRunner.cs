using System.Reflection;
using System.Text.Json;
using Multiprocessing.Wire;

namespace Multiprocessing.Child;

/// <summary>
/// Runs a task's items in a worker: reads each argument list, calls the function, writes each result.
/// Functions of up to three parameters that return a value get a typed runner, which calls a direct
/// delegate and boxes nothing; others are called through reflection.
/// </summary>
internal abstract class FunctionRunner
{
    /// <summary>Reads the items array the reader is on and writes one result per item.</summary>
    public abstract void Run(ref Utf8JsonReader items, Utf8JsonWriter results);

    public static FunctionRunner Create(MethodInfo method, object? target)
    {
        var parameters = method.GetParameters();
        if (method.ReturnType == typeof(void) || method.ReturnType.IsByRef || parameters.Length > 3
            || parameters.Any(p => p.ParameterType.IsByRef || p.ParameterType.IsPointer || p.ParameterType.IsByRefLike)
            || method.ReturnType.IsByRefLike)
            return new ReflectionRunner(method, target, parameters);
        var definition = parameters.Length switch
        {
            0 => typeof(TypedRunner<>),
            1 => typeof(TypedRunner<,>),
            2 => typeof(TypedRunner<,,>),
            _ => typeof(TypedRunner<,,,>),
        };
        var types = parameters.Select(p => p.ParameterType).Append(method.ReturnType).ToArray();
        return (FunctionRunner)Activator.CreateInstance(definition.MakeGenericType(types), method, target, parameters)!;
    }

    sealed class ReflectionRunner(MethodInfo method, object? target, ParameterInfo[] parameters) : FunctionRunner
    {
        readonly Type _resultType = method.ReturnType == typeof(void) ? typeof(object) : method.ReturnType;

        public override void Run(ref Utf8JsonReader items, Utf8JsonWriter results)
        {
            foreach (var args in CallMessage.ReadArgumentLists(ref items, parameters))
                ValueCodec.Write(results, method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null), _resultType, null);
        }
    }
}
