using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// Media versions of CouchDB items: the document revision (so an older version can still be read
/// with <c>?rev=</c> until compaction) and a tag of the attachment's name, digest and content
/// type (so two names for one document differ). Versions sit in URL paths, where '-' separates
/// a resampling rate, so the revision's '-' becomes '.'.
/// </summary>
public static partial class CouchVersion
{
    /// <summary>The version of <paramref name="attachment"/> with <paramref name="digest"/> at revision <paramref name="rev"/>.</summary>
    public static string Format(string rev, string attachment, string digest, string contentType)
    {
        var tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{attachment}\n{digest}\n{contentType}")))[..12];
        return Revision().IsMatch(rev)
            ? $"{rev.Replace('-', '.')}.{tag}"
            : $"x{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(rev))}.{tag}";
    }

    /// <summary>The revision inside <paramref name="version"/>, or <c>null</c> if it is not a version of this store.</summary>
    public static string? RevisionOf(string version)
    {
        var parts = version.Split('.');
        if (parts is [var generation, var hash, var tag] && tag.Length == 12
            && Revision().IsMatch($"{generation}-{hash}"))
        {
            return $"{generation}-{hash}";
        }

        if (parts is [['x', .. var hex], { Length: 12 }] && hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit))
        {
            return Encoding.UTF8.GetString(Convert.FromHexString(hex));
        }

        return null;
    }

    [GeneratedRegex("^[0-9]+-[0-9A-Za-z]+$")]
    private static partial Regex Revision();
}
