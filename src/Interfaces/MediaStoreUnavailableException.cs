namespace MediaOrleans.Interfaces;

/// <summary>
/// The media store (CouchDB) could not be reached or failed after its retries. Nothing was
/// refused: the same call may succeed once the store is back. The message never carries
/// store credentials or addresses with credentials.
/// </summary>
[GenerateSerializer]
public sealed class MediaStoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaStoreUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    public MediaStoreUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
