using System.Text.Json;

namespace Multiprocessing.Child;

/// <summary>Stands in for a function that could not be loaded: every call raises the load error again.</summary>
internal sealed class FailingRunner(Exception error) : FunctionRunner
{
    public override void Run(ref Utf8JsonReader items, Utf8JsonWriter results) =>
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
}
