using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Shout;

/// <summary>Recording mounts: <c>/rec/{name}.mp3</c> on the SHOUT listener.</summary>
public static class RecordingMounts
{
    private const string Prefix = "/rec/";
    private const string Suffix = ".mp3";

    /// <summary>The mount of recording <paramref name="name"/>.</summary>
    public static string For(string name) => Prefix + name + Suffix;

    /// <summary>The recording name of a (percent-decoded) mount path, or <c>null</c> if it is not a recording mount.</summary>
    public static string? NameOf(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || !path.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[Prefix.Length..^Suffix.Length];
        return MediaName.IsValid(name) ? name : null;
    }
}
