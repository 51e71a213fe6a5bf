namespace MediaOrleans.Silo.Urls;

/// <summary>A playback path taken apart: what it names, and the pieces its signature covers exactly as they appear.</summary>
/// <param name="Kind">What it plays.</param>
/// <param name="Target">The media or recording it names.</param>
/// <param name="VersionSegment">The version segment as written (<c>{version}</c> or <c>{version}-{rate}</c>; empty for recordings).</param>
/// <param name="Signature">The signature segment.</param>
public sealed record PlaybackPath(PlaybackKind Kind, PlaybackTarget Target, string VersionSegment, string Signature);
