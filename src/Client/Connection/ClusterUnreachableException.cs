namespace MediaOrleans.Client.Connection;

/// <summary>No gateway of the cluster answered within the connect timeout, or the cluster could not be located.</summary>
public sealed class ClusterUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnreachableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
