namespace MediaOrleans.Silo.Wire;

/// <summary>What a request target names, read the same way whichever parser read the request.</summary>
public static class RequestTargets
{
    /// <summary>The target's path without query, percent-decoded (libshout percent-encodes mounts).</summary>
    public static string PathOf(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(query < 0 ? target : target[..query]);
    }
}
