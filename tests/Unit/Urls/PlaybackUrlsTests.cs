using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Tests.Urls;

public sealed class PlaybackUrlsTests
{
    // 1_700_000_000 + 24 h = 1_700_086_400, rounded up to the hour.
    private const long StartSeconds = 1_700_000_000;
    private const long ExpectedExpires = 1_700_089_200;
    private const string Version = "0123456789abcdef0123";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(StartSeconds));

    [Theory]
    [InlineData(false, "wav", "http://media.example.test:24517/m/0123456789abcdef0123/1700089200/")]
    [InlineData(false, "mp3", "http://media.example.test:24517/m/0123456789abcdef0123/1700089200/")]
    [InlineData(true, "mp3", "shout://media.example.test:24518/m/0123456789abcdef0123/1700089200/")]
    [InlineData(true, "wav", "shout://media.example.test:24518/m/0123456789abcdef0123/1700089200/")]
    public void ForMedia_Protocol_VersionInPathExtensionLastNoQuery(bool shout, string extension, string prefix)
    {
        var url = PlaybackUrlsFactory.Create(_time).ForMedia(PlaybackUrlsFactory.Welcome, shout, extension);

        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        Assert.EndsWith("/prompts/en/welcome." + extension, url, StringComparison.Ordinal);
        Assert.DoesNotContain('?', url);
        Assert.DoesNotContain('#', url);
    }

    [Theory]
    [InlineData(false, "wav", "audio/wav")]
    [InlineData(false, "mp3", "audio/mpeg")]
    [InlineData(true, "mp3", "audio/mpeg")]
    [InlineData(true, "wav", "audio/wav")]
    public void Check_PathOfOwnMediaUrl_ValidWithTarget(bool shout, string extension, string contentType)
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, shout, extension));

        var status = urls.Check(path, out var target);

        Assert.Equal(PlaybackUrlStatus.Valid, status);
        Assert.Equal(new PlaybackTarget(false, "prompts/en/welcome", Version, extension, ExpectedExpires), target);
        Assert.Equal(contentType, target!.ContentType);
    }

    [Fact]
    public void ForMediaWithRate_ChecksValidWithThatRate_AndTamperedRateIsRefused()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav", 16000));

        Assert.Contains($"/{Version}-16000/", path, StringComparison.Ordinal);
        Assert.Equal(PlaybackUrlStatus.Valid, urls.Check(path, out var target));
        Assert.Equal(16000, target!.Rate);
        Assert.Equal(Version, target.Version);
        Assert.Equal(PlaybackUrlStatus.BadSignature, urls.Check(path.Replace("-16000/", "-8000/", StringComparison.Ordinal), out _));
        Assert.Equal(PlaybackUrlStatus.BadSignature, urls.Check(path.Replace("-16000/", "/", StringComparison.Ordinal), out _));
        Assert.Equal(PlaybackUrlStatus.NotPlaybackPath, urls.Check(path.Replace("-16000/", "-016000/", StringComparison.Ordinal), out _));
        Assert.Equal(PlaybackUrlStatus.NotPlaybackPath, urls.Check(path.Replace("-16000/", "-x/", StringComparison.Ordinal), out _));
    }

    [Fact]
    public void Check_ExpiryWithLeadingZero_NotPlaybackPath()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav"));

        var status = urls.Check(path.Replace("/1700089200/", "/01700089200/", StringComparison.Ordinal), out _);

        Assert.Equal(PlaybackUrlStatus.NotPlaybackPath, status);
    }

    [Theory]
    [InlineData(2, "0123456789abcdef0124")]
    [InlineData(2, "ffffffffffffffffffff")]
    [InlineData(3, "1700092800")]
    [InlineData(3, "1700089199")]
    [InlineData(3, "9999999999")]
    [InlineData(5, "other")]
    [InlineData(6, "fr")]
    [InlineData(7, "goodbye.wav")]
    [InlineData(7, "welcome.mp3")]
    [InlineData(7, "welcome.x.wav")]
    public void Check_MediaPathSegmentAltered_BadSignature(int segment, string replacement)
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav"));

        var status = urls.Check(ReplaceSegment(path, segment, replacement), out _);

        Assert.Equal(PlaybackUrlStatus.BadSignature, status);
    }

    [Fact]
    public void Check_SignatureFirstCharacterAltered_BadSignature()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav"));
        var signature = path.Split('/')[4];

        var status = urls.Check(ReplaceSegment(path, 4, (signature[0] == 'A' ? "B" : "A") + signature[1..]), out _);

        Assert.Equal(PlaybackUrlStatus.BadSignature, status);
    }

    [Theory]
    [InlineData("not-a-signature!")]
    [InlineData("a.b")]
    [InlineData("A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("%")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    public void Check_SignatureNotBase64Url_BadSignatureWithoutThrowing(string signature)
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav"));

        var status = urls.Check(ReplaceSegment(path, 4, signature), out _);

        Assert.Equal(PlaybackUrlStatus.BadSignature, status);
    }

    [Fact]
    public void Check_AtExpiry_Valid()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav"));

        _time.Now = DateTimeOffset.FromUnixTimeSeconds(ExpectedExpires);

        Assert.Equal(PlaybackUrlStatus.Valid, urls.Check(path, out _));
    }

    [Fact]
    public void Check_PastExpiry_Expired()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav"));

        _time.Now = DateTimeOffset.FromUnixTimeSeconds(ExpectedExpires + 1);

        Assert.Equal(PlaybackUrlStatus.Expired, urls.Check(path, out var target));
        Assert.Equal(ExpectedExpires, target!.Expires);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/m")]
    [InlineData("/m/")]
    [InlineData("/m/v/1700089200/sig")]
    [InlineData("/m/v/1700089200/sig/")]
    [InlineData("/m/v/1700089200/sig/.wav")]
    [InlineData("/m/v/1700089200/sig/welcome")]
    [InlineData("/m/v/1700089200/sig/welcome.ogg")]
    [InlineData("/m/v/1700089200/sig/welcome.WAV")]
    [InlineData("/m/v/soon/sig/welcome.wav")]
    [InlineData("/m/v/-1/sig/welcome.wav")]
    [InlineData("/m/v/+1/sig/welcome.wav")]
    [InlineData("/m/v/ 1/sig/welcome.wav")]
    [InlineData("/m/v/99999999999999999999/sig/welcome.wav")]
    [InlineData("/m/v/1700089200/sig/../welcome.wav")]
    [InlineData("/m/v/1700089200/sig/a b.wav")]
    [InlineData("/m/v/1700089200/sig/.hidden.wav")]
    [InlineData("/m/v/1700089200/sig/a//b.wav")]
    [InlineData("m/v/1700089200/sig/welcome.wav")]
    [InlineData("/x/v/1700089200/sig/welcome.wav")]
    [InlineData("/M/v/1700089200/sig/welcome.wav")]
    [InlineData("/r/1700089200/sig/call.wav")]
    [InlineData("/r/1700089200/sig")]
    [InlineData("/r/1700089200/sig/")]
    [InlineData("/rec/call.mp3")]
    [InlineData("/favicon.ico")]
    public void Check_JunkPath_NotPlaybackPath(string path)
    {
        var status = PlaybackUrlsFactory.Create(_time).Check(path, out var target);

        Assert.Equal(PlaybackUrlStatus.NotPlaybackPath, status);
        Assert.Null(target);
    }

    [Fact]
    public void ForMedia_AskedTwiceWithinRoundingWindow_IdenticalUrl()
    {
        // Start one second into a rounding window, so the whole window maps to one expiry.
        _time.Now = DateTimeOffset.FromUnixTimeSeconds(StartSeconds - (StartSeconds % 3600) + 1);
        var urls = PlaybackUrlsFactory.Create(_time);
        var first = urls.ForMedia(PlaybackUrlsFactory.Welcome, true, "mp3");

        _time.Advance(TimeSpan.FromSeconds(3599));
        var second = urls.ForMedia(PlaybackUrlsFactory.Welcome, true, "mp3");
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = urls.ForMedia(PlaybackUrlsFactory.Welcome, true, "mp3");

        Assert.Equal(first, second);
        Assert.NotEqual(second, third);
        Assert.Equal(PlaybackUrlStatus.Valid, urls.Check(PlaybackUrlsFactory.PathOf(first), out _));
    }

    [Fact]
    public void ForMedia_NewVersion_NewUrl()
    {
        var urls = PlaybackUrlsFactory.Create(_time);

        var old = urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav");
        var changed = urls.ForMedia(PlaybackUrlsFactory.Media("prompts/en/welcome", "fedcba9876543210fedc"), false, "wav");

        Assert.NotEqual(old, changed);
    }

    [Theory]
    [InlineData(86_400, 3600)]
    [InlineData(3600, 60)]
    [InlineData(600, 1)]
    [InlineData(60, 86_400)]
    public void ForMedia_Expiry_RoundedUpFromLifetime(int lifetime, int rounding)
    {
        var urls = PlaybackUrlsFactory.Create(_time, lifetime, rounding);

        urls.Check(PlaybackUrlsFactory.PathOf(urls.ForMedia(PlaybackUrlsFactory.Welcome, false, "wav")), out var target);

        Assert.Equal(0, target!.Expires % rounding);
        Assert.InRange(target.Expires, StartSeconds + lifetime, StartSeconds + lifetime + rounding - 1);
    }

    [Theory]
    [InlineData("call-1")]
    [InlineData("calls/2024/06/abc")]
    public void ForRecording_Name_ShoutUrlThatChecksValid(string name)
    {
        var urls = PlaybackUrlsFactory.Create(_time);

        var url = urls.ForRecording(name);
        var status = urls.Check(PlaybackUrlsFactory.PathOf(url), out var target);

        Assert.StartsWith($"shout://media.example.test:24518/r/{ExpectedExpires}/", url, StringComparison.Ordinal);
        Assert.EndsWith($"/{name}.mp3", url, StringComparison.Ordinal);
        Assert.DoesNotContain('?', url);
        Assert.Equal(PlaybackUrlStatus.Valid, status);
        Assert.Equal(new PlaybackTarget(true, name, string.Empty, "mp3", ExpectedExpires), target);
    }

    [Theory]
    [InlineData(2, "1700092800")]
    [InlineData(4, "call-2.mp3")]
    public void Check_RecordingPathSegmentAltered_BadSignature(int segment, string replacement)
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForRecording("call-1"));

        Assert.Equal(PlaybackUrlStatus.BadSignature, urls.Check(ReplaceSegment(path, segment, replacement), out _));
    }

    [Fact]
    public void Check_RecordingSignatureOnMediaPath_BadSignature()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var parts = PlaybackUrlsFactory.PathOf(urls.ForRecording("call-1")).Split('/');

        var status = urls.Check($"/m//{parts[2]}/{parts[3]}/call-1.mp3", out _);

        Assert.Equal(PlaybackUrlStatus.BadSignature, status);
    }

    [Fact]
    public void Check_RecordingPastExpiry_Expired()
    {
        var urls = PlaybackUrlsFactory.Create(_time);
        var path = PlaybackUrlsFactory.PathOf(urls.ForRecording("call-1"));

        _time.Now = DateTimeOffset.FromUnixTimeSeconds(ExpectedExpires + 1);

        Assert.Equal(PlaybackUrlStatus.Expired, urls.Check(path, out _));
    }

    [Fact]
    public void ForRecordingSource_Allocation_ShoutUrlWithCredentialsAndRecMount()
    {
        var allocation = new RecordingAllocation("calls/abc", "u1", "p4ss", 120);

        var url = PlaybackUrlsFactory.Create(_time).ForRecordingSource(allocation);

        Assert.Equal("shout://u1:p4ss@media.example.test:24518/rec/calls/abc.mp3", url);
    }

    private static string ReplaceSegment(string path, int index, string replacement)
    {
        var parts = path.Split('/');
        parts[index] = replacement;
        return string.Join('/', parts);
    }
}
