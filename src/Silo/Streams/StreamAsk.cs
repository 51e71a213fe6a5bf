namespace MediaOrleans.Silo.Streams;

/// <summary>
/// What a caller asks a playback URL for, whichever way it asked (admin API or bus). Every
/// field but the name is optional: the protocol follows the format (MP3 → shout, else http),
/// the format follows the stored item, the rate is the stored one, the type is <c>new</c>.
/// </summary>
public sealed record StreamAsk(string? MediaName, string? Protocol = null, string? Format = null, int? Rate = null,
    string? StreamType = null);
