using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace Multiprocessing.Wire;

/// <summary>The results of one task, in input order: the task id, then a JSON array of values to the end of the frame.</summary>
internal static class ResultMessage
{
    /// <summary>Starts a result; the caller writes the values and calls <see cref="Finish"/>.</summary>
    public static (LimitedBuffer Buffer, Utf8JsonWriter Json) Start(long id)
    {
        var (buffer, json) = Json.Start();
        // The writer has not touched the buffer yet, so the id goes first.
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(sizeof(long)), id);
        buffer.Advance(sizeof(long));
        json.WriteStartArray();
        return (buffer, json);
    }

    public static byte[] Finish(LimitedBuffer buffer, Utf8JsonWriter json)
    {
        try
        {
            json.WriteEndArray();
            return Json.Finish(buffer, json);
        }
        catch (PayloadTooLargeException e)
        {
            throw WireFormat.TooLarge("The results of this task", e.Bytes, e);
        }
    }

    /// <summary>Reads the values as <typeparamref name="T"/> straight into <paramref name="into"/>, which must fit them exactly.</summary>
    public static void ReadValues<T>(byte[] payload, Span<T> into)
    {
        var json = new Utf8JsonReader(payload.AsSpan(sizeof(long)));
        json.Read();
        int count = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (count == into.Length)
                throw new InvalidDataException($"A worker sent more than {into.Length} results for a task of {into.Length} items.");
            into[count++] = ValueCodec.Read<T>(ref json, null);
        }
        if (count != into.Length)
            throw new InvalidDataException($"A worker sent {count} results for a task of {into.Length} items.");
    }
}
