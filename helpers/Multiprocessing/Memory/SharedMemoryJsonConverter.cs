using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Multiprocessing.Memory;

/// <summary>
/// Sends <see cref="SharedArray{T}"/> and <see cref="SharedValue{T}"/> between processes by name,
/// not by content: the receiving process maps the same memory.
/// </summary>
internal sealed class SharedMemoryJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(SharedArray<>) || type.GetGenericTypeDefinition() == typeof(SharedValue<>));

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type))!;

    /// <summary>The wire shape: <c>{"sharedMemory": "/dev/shm/…", "length": 15, "lock": true}</c>.</summary>
    sealed record Handle(
        [property: JsonPropertyName(Marker)] string Name,
        [property: JsonPropertyName("length")] long Length,
        [property: JsonPropertyName("lock")] bool Lock);

    const string Marker = "sharedMemory";

    // The handle goes through the caller's options (the library's own), never the app's default ones:
    // an app built with JsonSerializerIsReflectionEnabledByDefault=false (file-based apps, trimmed apps) has none.
    static JsonTypeInfo<Handle> HandleInfo(JsonSerializerOptions options) => (JsonTypeInfo<Handle>)options.GetTypeInfo(typeof(Handle));

    /// <summary>The handle's property name as it appears in JSON, so a pool can tell JSON that carries shared memory.</summary>
    public static ReadOnlySpan<byte> QuotedMarker => "\"sharedMemory\""u8;

    sealed class Converter<TShared> : JsonConverter<TShared> where TShared : class, ISharedMemory
    {
        public override void Write(Utf8JsonWriter writer, TShared value, JsonSerializerOptions options)
        {
            if (value.Block.IsDisposed)
                throw new ObjectDisposedException(typeof(TShared).Name, "This shared memory was disposed, so it cannot be sent to another process.");
            JsonSerializer.Serialize(writer, new Handle(value.Block.Name, value.Block.Count, value.HasLock), HandleInfo(options));
        }

        public override TShared Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options)
        {
            var handle = JsonSerializer.Deserialize(ref reader, HandleInfo(options))
                ?? throw new JsonException("Expected a shared memory handle.");
            var element = type.GetGenericArguments()[0];
            var open = type.GetGenericTypeDefinition() == typeof(SharedArray<>)
                ? typeof(SharedArray<>).MakeGenericType(element).GetMethod("Open", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .Invoke(null, [handle.Name, handle.Length, handle.Lock])
                : typeof(SharedValue<>).MakeGenericType(element).GetMethod("Open", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .Invoke(null, [handle.Name, handle.Lock]);
            SharedMemoryScope.Track((IDisposable)open!);
            return (TShared)open!;
        }
    }
}
