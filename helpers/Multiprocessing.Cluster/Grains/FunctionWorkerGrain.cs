using System.Reflection;
using System.Text.Json;
using Multiprocessing.Cluster.Host;
using Multiprocessing.Wire;
using Orleans.Concurrency;

namespace Multiprocessing.Cluster.Grains;

/// <summary>
/// Runs shipped functions in a silo. <see cref="StatelessWorkerAttribute"/> makes Orleans activate it on the silo
/// whose gateway received the call, up to one activation per core there for each grain key (Orleans's limit is per key,
/// not per silo); the client spreads calls over many keys and so over gateways, and a silo runs as many at once as its
/// thread pool allows.
/// So Orleans, not this library, decides where each call runs.
/// </summary>
[StatelessWorker]
internal sealed class FunctionWorkerGrain(ILocalSiloDetails silo) : Grain, IFunctionWorker
{
    public Task<CallReply> Run(string functionKey, byte[]? definition, byte[] items)
    {
        if (ShippedFunctions.Find(functionKey, definition) is not { } runner)
            return Task.FromResult(Reply(CallStatus.NeedDefinition, []));
        try
        {
            var (buffer, results) = ResultMessage.Start(0);
            var json = new Utf8JsonReader(items);
            json.Read();
            runner.Run(ref json, results);
            return Task.FromResult(Reply(CallStatus.Done, ResultMessage.Finish(buffer, results)));
        }
        catch (Exception e)
        {
            if (e is TargetInvocationException { InnerException: { } inner })
                e = inner;
            return Task.FromResult(Reply(CallStatus.Failed, ErrorMessage.From(0, e).Write()));
        }
    }

    CallReply Reply(CallStatus status, byte[] payload) => new(status, payload, Environment.ProcessId, silo.SiloAddress.ToString());
}
