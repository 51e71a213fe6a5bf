namespace MediaOrleans.Client.Media;

/// <summary>An upload is larger than the client's <see cref="MediaClientOptions.MaxUploadBytes"/>; nothing was sent.</summary>
public sealed class MediaTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaTooLargeException(string name, long? length, long limit)
        : base(length is { } known
            ? $"'{name}' is {known} bytes; uploads are limited to {limit} bytes"
            : $"'{name}' is larger than the {limit}-byte upload limit")
    {
        Name = name;
        Length = length;
        Limit = limit;
    }

    /// <summary>The media name the upload was for.</summary>
    public string Name { get; }

    /// <summary>The content's length when the stream knew it.</summary>
    public long? Length { get; }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
