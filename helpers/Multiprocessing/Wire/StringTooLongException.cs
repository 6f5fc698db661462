namespace Multiprocessing.Wire;

/// <summary>A string past <see cref="LimitedStringConverter.MaxLength"/>; <see cref="ValueCodec"/> turns it into an error naming the value.</summary>
internal sealed class StringTooLongException(long length)
    : Exception($"A string of {length:N0} characters is over the {LimitedStringConverter.MaxLength:N0}-character limit of one JSON string.")
{
    /// <summary>The string's length, in characters.</summary>
    public long Length { get; } = length;
}
