namespace MediaOrleans.Interfaces;

/// <summary>Why an upload or a recording was refused as media.</summary>
public enum MediaRejection
{
    /// <summary>The declared content type is not an audio type the media layer serves.</summary>
    UnsupportedType,

    /// <summary>The bytes are not valid audio of the declared type (garbage, truncated, lying type).</summary>
    InvalidAudio,

    /// <summary>The media name is not acceptable.</summary>
    InvalidName,

    /// <summary>There is nothing to store (for example an empty recording).</summary>
    NoData,

    /// <summary>The request conflicts with the current state (a name already taken, a recording still receiving).</summary>
    Conflict,

    /// <summary>A parameter is out of its allowed range.</summary>
    InvalidRequest,

    /// <summary>A quota is reached (for example open recordings); the same request may succeed later.</summary>
    TooMany,
}

/// <summary>Thrown by grains when content cannot become media; carries a client-safe message.</summary>
[GenerateSerializer]
public sealed class MediaRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaRejectedException(MediaRejection reason, string message) : base(message) => Reason = reason;

    /// <summary>Why the content was refused.</summary>
    [Id(0)]
    public MediaRejection Reason { get; }
}
