using System.Text;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Cli.Import;

/// <summary>
/// Turns a file's path relative to the imported folder into a media name: the extension is
/// dropped, folders become <c>/</c>-separated segments, and every character a name may not hold
/// (see <see cref="MediaName"/>) becomes <c>_</c>, as does a leading dot. So
/// <c>Prompts/en us/vm-enter pass.wav</c> becomes <c>Prompts/en_us/vm-enter_pass</c>.
/// </summary>
internal static class MediaNameFromPath
{
    /// <summary>The prefix as given, checked: empty, or a valid name (a trailing <c>/</c> is dropped).</summary>
    public static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Trim('/');
        return trimmed.Length == 0 || MediaName.IsValid(trimmed)
            ? trimmed
            : throw new FormatException($"prefix '{prefix}' is not a valid media name prefix (segments of A-Z a-z 0-9 . _ ~ - separated by /)");
    }

    /// <summary>The name for <paramref name="relativePath"/> under <paramref name="prefix"/>, or null with <paramref name="why"/> when none is possible.</summary>
    public static string? Derive(string relativePath, string prefix, out string? why)
    {
        var withoutExtension = Path.ChangeExtension(relativePath, null) ?? string.Empty;
        var segments = withoutExtension.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries).Select(MapSegment);
        var name = string.Join('/', prefix.Length == 0 ? segments : segments.Prepend(prefix));
        if (MediaName.IsValid(name))
        {
            why = null;
            return name;
        }

        why = name.Length == 0
            ? $"'{relativePath}' gives an empty name"
            : $"'{name}' is longer than {MediaName.MaxLength} characters or has a segment longer than {MediaName.MaxSegmentLength}";
        return null;
    }

    private static string MapSegment(string segment)
    {
        var mapped = new StringBuilder(segment.Length);
        foreach (var c in segment)
        {
            mapped.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-' ? c : '_');
        }

        if (mapped.Length > 0 && mapped[0] == '.')
        {
            mapped[0] = '_';
        }

        return mapped.ToString();
    }
}
