using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Multiprocessing.Memory;

namespace Multiprocessing.Sync;

/// <summary>
/// Sends a <see cref="SharedQueue{T}"/>, <see cref="PipeConnection{T}"/>, <see cref="SharedEvent"/>,
/// <see cref="SharedSemaphore"/> or <see cref="SharedBarrier"/> to another process as a <see cref="SyncHandle"/>; the
/// receiver maps the same memory. What a pool task opens is closed when the task ends (<see cref="SharedMemoryScope"/>).
/// </summary>
internal sealed class SyncObjectJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type type) => typeof(ISyncObject).IsAssignableFrom(type) && !type.IsAbstract;

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type))!;

    // The handle goes through the caller's options (the library's own), never the app's default ones: an app built with
    // JsonSerializerIsReflectionEnabledByDefault=false (file-based apps, trimmed apps) has none.
    static JsonTypeInfo<SyncHandle> HandleInfo(JsonSerializerOptions options) => (JsonTypeInfo<SyncHandle>)options.GetTypeInfo(typeof(SyncHandle));

    sealed class Converter<TShared> : JsonConverter<TShared> where TShared : class, ISyncObject<TShared>
    {
        public override void Write(Utf8JsonWriter writer, TShared value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToHandle(), HandleInfo(options));

        public override TShared Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options)
        {
            var handle = JsonSerializer.Deserialize(ref reader, HandleInfo(options))
                ?? throw new JsonException($"Expected the handle of a {typeof(TShared).Name}.");
            var opened = TShared.Open(handle);
            SharedMemoryScope.Track((IDisposable)opened);
            return opened;
        }
    }
}
