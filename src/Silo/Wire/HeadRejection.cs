namespace MediaOrleans.Silo.Wire;

/// <summary>Why a request head was refused; <see cref="HeadRejections.StatusOf"/> gives each one status.</summary>
public enum HeadRejection
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

    /// <summary>A method the listener does not serve (405); raised by the listener, not the parser.</summary>
    MethodNotAllowed,

    /// <summary>A Transfer-Encoding the listener cannot read (501); raised by the listener, not the parser.</summary>
    UnsupportedTransferEncoding,

    /// <summary>The head did not arrive in time (408).</summary>
    HeadTimeout,
}
