using System.Diagnostics.CodeAnalysis;

namespace MediaOrleans.Interfaces;

/// <summary>
/// The rules a media or recording name follows. Names become URL paths and directory paths,
/// so they are kept to a conservative alphabet: segments of <c>A-Z a-z 0-9 . _ ~ -</c>
/// separated by <c>/</c>, no empty segment, no segment starting with a dot.
/// </summary>
public static class MediaName
{
    /// <summary>Longest accepted name, in characters.</summary>
    public const int MaxLength = 240;

    /// <summary>Longest accepted segment, in characters.</summary>
    public const int MaxSegmentLength = 120;

    /// <summary>Whether <paramref name="name"/> is an acceptable media or recording name.</summary>
    public static bool IsValid([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var range in name.AsSpan().Split('/'))
        {
            var segment = name.AsSpan(range);
            if (segment.IsEmpty || segment.Length > MaxSegmentLength || segment[0] == '.')
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!IsNameChar(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The grain key for a name as callers send it: Kazoo callflows send <c>/system_media/x</c>
    /// and <c>/&lt;account_id&gt;/&lt;media_id&gt;</c>, others the same without the leading <c>/</c>;
    /// both forms name one item.
    /// </summary>
    public static string? Normalize(string? name) => name is ['/', _, ..] ? name[1..] : name;

    private static bool IsNameChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-';
}
