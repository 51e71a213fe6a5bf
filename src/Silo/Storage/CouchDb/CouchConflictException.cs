namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>CouchDB answered 409: the revision written against is no longer the current one.</summary>
public sealed class CouchConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CouchConflictException()
        : base("CouchDB reported a document update conflict")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CouchConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CouchConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
