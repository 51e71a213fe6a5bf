using System.Globalization;

namespace MediaOrleans.Silo.Playback;

/// <summary>The rules of conditional requests (RFC 9110 section 13) for a version's ETag and date.</summary>
public static class Validators
{
    /// <summary>
    /// Whether the client's copy is current, so 304 answers: <c>If-None-Match</c> lists the ETag
    /// (or <c>*</c>), compared weakly; only without it, <c>If-Modified-Since</c> is not before the
    /// version's date. A body without an ETag (a recording still growing) is never "not modified".
    /// </summary>
    public static bool NotModified(PlaybackConditions conditions, string? entityTag, DateTimeOffset? lastModified)
    {
        if (entityTag is null)
        {
            return false;
        }

        if (conditions.IfNoneMatch is { } tags)
        {
            return tags.Split(',').Select(tag => tag.Trim()).Any(tag => tag == "*" || Opaque(tag) == Opaque(entityTag));
        }

        return lastModified is { } modified && Date(conditions.IfModifiedSince) is { } since
               && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    /// <summary>Whether a <c>Range</c> still holds under <c>If-Range</c>: no If-Range, or it names this version exactly (strong ETag or the same date).</summary>
    public static bool RangeHolds(PlaybackConditions conditions, string? entityTag, DateTimeOffset? lastModified)
    {
        if (conditions.IfRange is not { } ifRange)
        {
            return true;
        }

        if (ifRange.StartsWith('"'))
        {
            return entityTag is not null && ifRange == entityTag;
        }

        return lastModified is { } modified && Date(ifRange) is { } date && date.ToUnixTimeSeconds() == modified.ToUnixTimeSeconds();
    }

    // Weak comparison ignores the W/ prefix.
    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
