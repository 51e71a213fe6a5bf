using System.Diagnostics;
using MediaOrleans.Grains.Telemetry;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// The metrics of one playback request, taken by whichever listener renders it: the answer's
/// status, the first byte's time, the body bytes sent. Each is taken as the bytes are handed to
/// the connection, before the write, so a player that has them finds them counted (a write
/// that then fails has counted its bytes all the same). Labels are the listener and the kind
/// (<c>media</c>, <c>review</c>, <c>live</c>, or <c>other</c> for a path that names none), never
/// the item: the kind comes from the URL's form, not its name.
/// </summary>
public sealed class PlaybackTally
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _listener;
    private string _kind;
    private bool _playable;
    private bool _firstByteSent;

    private PlaybackTally(PlaybackListener listener, string path)
    {
        _listener = listener == PlaybackListener.Http ? "http" : "shout";
        _kind = KindOf(path);
    }

    /// <summary>Starts the clock for a request for <paramref name="path"/>, whose head was just read.</summary>
    public static PlaybackTally Start(PlaybackListener listener, string path) => new(listener, path);

    /// <summary>The kind of playback a path asks for, from its first segment (the grammar of <c>Urls/MediaPaths</c>).</summary>
    public static string KindOf(string path) => path.Length > 2 && path[0] == '/' && path[2] == '/'
        ? path[1] switch
        {
            'm' => "media",
            'r' => "review",
            'c' => "live",
            _ => "other",
        }
        : "other";

    /// <summary>Counts the request with the status <paramref name="decision"/> answers.</summary>
    public void Decided(PlaybackDecision decision)
    {
        if (decision.Target is { } target)
        {
            _kind = target.IsLive ? "live" : target.IsRecording ? "review" : "media";
        }

        _playable = decision.IsPlayable;

        MediaMetrics.PlaybackRequests.Add(1, new TagList
        {
            { "listener", _listener }, { "kind", _kind }, { "status", decision.Status },
        });
    }

    /// <summary>
    /// The answer's first bytes (its head, with or without body) go out now; later calls do nothing.
    /// Only answers that play are timed: refusals are quick and would hide a slow store.
    /// </summary>
    public void FirstByteSent()
    {
        if (_playable && !_firstByteSent)
        {
            _firstByteSent = true;
            MediaMetrics.PlaybackFirstByte.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Labels());
        }
    }

    /// <summary><paramref name="bytes"/> of body go out now.</summary>
    public void Sent(long bytes)
    {
        FirstByteSent();
        MediaMetrics.PlaybackSent.Add(bytes, Labels());
    }

    private TagList Labels() => MediaMetrics.Tags("listener", _listener, "kind", _kind);
}
