using System.Globalization;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Urls;

/// <summary>
/// The one grammar of every path the listeners serve, written and read here alone. Everything
/// lives in the path, the real extension last (mod_http_cache scans for the extension from the
/// end of the URL, and keys its cache by URL):
/// <list type="bullet">
/// <item><c>/m/{version}/{expires}/{signature}/{name}.{ext}</c>: a media version, as stored or as a
/// variant (the version segment is <c>{version}-{rate}</c> for a resampled WAV);</item>
/// <item><c>/c/{version}/{expires}/{signature}/{name}.mp3</c>: the item's continuous stream;</item>
/// <item><c>/r/{expires}/{signature}/{name}.mp3</c>: a recording under review;</item>
/// <item><c>/rec/{name}.mp3</c>: a recording's source mount (credentials, not a signature, guard it).</item>
/// </list>
/// </summary>
public static class MediaPaths
{
    private const string SourcePrefix = "/rec/";
    private const string SourceSuffix = ".mp3";

    /// <summary>The source mount of recording <paramref name="name"/>.</summary>
    public static string RecordingSource(string name) => SourcePrefix + name + SourceSuffix;

    /// <summary>The recording name of a (percent-decoded) source mount path, or <c>null</c> if it is not one.</summary>
    public static string? RecordingNameOf(string path)
    {
        if (!path.StartsWith(SourcePrefix, StringComparison.Ordinal) || !path.EndsWith(SourceSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[SourcePrefix.Length..^SourceSuffix.Length];
        return MediaName.IsValid(name) ? name : null;
    }

    /// <summary>A signed playback path; <paramref name="versionSegment"/> is empty for recordings.</summary>
    public static string Playback(PlaybackKind kind, string versionSegment, long expires, string signature, string name, string extension)
    {
        var version = versionSegment.Length == 0 ? string.Empty : versionSegment + "/";
        return string.Create(CultureInfo.InvariantCulture, $"/{KindLetter(kind)}/{version}{expires}/{signature}/{name}.{extension}");
    }

    /// <summary>The text a playback path's signature covers: every part of the path but the signature.</summary>
    public static string SignedPayload(PlaybackKind kind, string name, string versionSegment, string extension, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"{KindLetter(kind)}\n{name}\n{versionSegment}\n{extension}\n{expires}");

    /// <summary>Takes a (percent-decoded) playback path apart; <c>null</c> when it is not one.</summary>
    public static PlaybackPath? ParsePlayback(string path)
    {
        // "/m|c/{version}/{expires}/{sig}/{name}.{ext}" or "/r/{expires}/{sig}/{name}.mp3"
        var parts = path.Split('/', 6);
        if (parts.Length < 5 || parts[0].Length != 0 || KindOf(parts[1]) is not { } kind)
        {
            return null;
        }

        var versioned = kind != PlaybackKind.Recording;
        if (versioned && parts.Length != 6)
        {
            return null;
        }

        var (version, rate) = versioned ? SplitVersion(parts[2]) : (string.Empty, 0);
        var expiresText = parts[versioned ? 3 : 2];
        var file = versioned ? parts[5] : string.Join('/', parts[4..]);
        var dot = file.LastIndexOf('.');
        // Only the canonical spelling of the expiry is accepted, so one item has one URL.
        if (dot <= 0 || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expiresText != expires.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        var name = file[..dot];
        var extension = file[(dot + 1)..];
        var extensionOk = extension == "mp3" || (extension == "wav" && kind == PlaybackKind.Media);
        var rateOk = rate == 0 || (rate > 0 && kind == PlaybackKind.Media);
        if (!extensionOk || !rateOk || !MediaName.IsValid(name))
        {
            return null;
        }

        var target = new PlaybackTarget(kind == PlaybackKind.Recording, name, version, extension, expires, rate, kind == PlaybackKind.Continuous);
        return new PlaybackPath(kind, target, versioned ? parts[2] : string.Empty, parts[versioned ? 4 : 3]);
    }

    private static char KindLetter(PlaybackKind kind) => kind switch
    {
        PlaybackKind.Media => 'm',
        PlaybackKind.Continuous => 'c',
        _ => 'r',
    };

    private static PlaybackKind? KindOf(string segment) => segment switch
    {
        "m" => PlaybackKind.Media,
        "c" => PlaybackKind.Continuous,
        "r" => PlaybackKind.Recording,
        _ => null,
    };

    // "{version}" or "{version}-{rate}"; a rate that is not canonical digits makes the path invalid (-1).
    private static (string Version, int Rate) SplitVersion(string segment)
    {
        var dash = segment.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (segment, 0);
        }

        var text = segment[(dash + 1)..];
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rate)
                 && rate > 0 && text == rate.ToString(CultureInfo.InvariantCulture);
        return (segment[..dash], ok ? rate : -1);
    }
}
