using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Urls;
using MediaOrleans.Tests.Telemetry;

namespace MediaOrleans.Tests.Playback;

/// <summary>What one playback request adds to the metrics, labelled by listener and kind, never by item.</summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class PlaybackTallyTests
{
    [Theory]
    [InlineData("/m/v1/123/sig/prompts/a.wav", "media")]
    [InlineData("/r/123/sig/rec-1.mp3", "review")]
    [InlineData("/c/v1/123/sig/music/hold.mp3", "live")]
    [InlineData("/rec/rec-1.mp3", "other")]
    [InlineData("/", "other")]
    [InlineData("", "other")]
    [InlineData("/x/y", "other")]
    public void KindOf_ReadsTheUrlsForm(string path, string kind) => Assert.Equal(kind, PlaybackTally.KindOf(path));

    [Fact]
    public void APlay_CountsItsStatus_ItsFirstByteOnce_AndItsBytes_UnderItsListenerAndKind()
    {
        using var capture = new MetricCapture();
        var target = new PlaybackTarget(IsRecording: true, "rec-secret-name", "v", "mp3", 123);

        var tally = PlaybackTally.Start(PlaybackListener.Shout, "/r/123/sig/rec-secret-name.mp3");
        tally.Decided(new PlaybackDecision(200, target));
        tally.FirstByteSent();
        tally.Sent(1000);
        tally.Sent(24);

        var labels = new[] { ("listener", (object?)"shout"), ("kind", "review") };
        Assert.Equal(1, capture.Sum("mediaorleans.playback.requests", [.. labels, ("status", 200)]));
        Assert.Single(capture.Of("mediaorleans.playback.first_byte.duration", labels));
        Assert.Equal(1024, capture.Sum("mediaorleans.playback.sent", labels));
        Assert.DoesNotContain(capture.Measurements, m => m.Labels.Values.Any(v => v?.ToString()?.Contains("secret", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void ARefusal_IsCountedByItsStatus_ButNotTimed()
    {
        using var capture = new MetricCapture();

        var tally = PlaybackTally.Start(PlaybackListener.Http, "/m/v1/123/forged/prompts/a.wav");
        tally.Decided(new PlaybackDecision(403));
        tally.FirstByteSent();

        Assert.Equal(1, capture.Sum("mediaorleans.playback.requests", ("listener", "http"), ("kind", "media"), ("status", 403)));
        Assert.Empty(capture.Of("mediaorleans.playback.first_byte.duration"));
    }

    [Fact]
    public void ALiveTarget_IsOfKindLive()
    {
        using var capture = new MetricCapture();
        var target = new PlaybackTarget(IsRecording: false, "music/hold", "v1", "mp3", 123, IsLive: true);

        PlaybackTally.Start(PlaybackListener.Shout, "/c/v1/123/sig/music/hold.mp3").Decided(new PlaybackDecision(200, target));

        Assert.Equal(1, capture.Sum("mediaorleans.playback.requests", ("listener", "shout"), ("kind", "live")));
    }
}
