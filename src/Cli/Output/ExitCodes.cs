namespace MediaOrleans.Cli.Output;

/// <summary>What mediactl's exit status means; the README's "mediactl" section lists the same table.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Bad arguments or options, a local file that is missing or cannot be imported, bad connection settings.</summary>
    public const int Usage = 1;

    /// <summary>The media item or recording does not exist.</summary>
    public const int NotFound = 2;

    /// <summary>The cluster refused: invalid name or audio, conflict, no data, too large, a recording limit; or an import with failures.</summary>
    public const int Refused = 3;

    /// <summary>No gateway answered within the connect timeout, or the connection was lost.</summary>
    public const int CannotConnect = 4;

    /// <summary>Anything unexpected (the message says what).</summary>
    public const int Failed = 5;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
