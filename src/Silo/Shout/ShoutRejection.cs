namespace MediaOrleans.Silo.Shout;

/// <summary>Why a request head was refused; <see cref="ShoutResponses.StatusOf"/> gives each one status.</summary>
public enum ShoutRejection
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The request line is not <c>METHOD SP target SP HTTP/1.x</c> (400).</summary>
    MalformedRequestLine,

    /// <summary>A header line is not <c>name: value</c>, or carries control characters (400).</summary>
    MalformedHeader,

    /// <summary>Content-Length is not one non-negative number (400).</summary>
    InvalidContentLength,

    /// <summary>The head exceeds the byte limit (431).</summary>
    HeadTooLarge,

    /// <summary>More header lines than allowed (431).</summary>
    TooManyHeaders,

    /// <summary>An HTTP version other than 1.0 or 1.1 (505).</summary>
    UnsupportedVersion,

    /// <summary>A well-formed method this listener does not serve (405).</summary>
    MethodNotAllowed,

    /// <summary>A Transfer-Encoding: sources stream raw bytes until close (501).</summary>
    UnsupportedTransferEncoding,

    /// <summary>The head did not arrive in time (408).</summary>
    HeadTimeout,
}
