namespace MediaOrleans.Silo.Wire;

/// <summary>The one table from head rejections to response statuses, for both listeners.</summary>
public static class HeadRejections
{
    /// <summary>The status <paramref name="rejection"/> is answered with.</summary>
    public static int StatusOf(this HeadRejection rejection) => rejection switch
    {
        HeadRejection.HeadTooLarge or HeadRejection.TooManyHeaders => 431,
        HeadRejection.UnsupportedVersion => 505,
        HeadRejection.MethodNotAllowed => 405,
        HeadRejection.UnsupportedTransferEncoding => 501,
        HeadRejection.HeadTimeout => 408,
        _ => 400,
    };
}
