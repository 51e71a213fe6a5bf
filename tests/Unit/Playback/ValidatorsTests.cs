using MediaOrleans.Silo.Playback;

namespace MediaOrleans.Tests.Playback;

public sealed class ValidatorsTests
{
    private const string Tag = "\"v1\"";
    private static readonly DateTimeOffset Stored = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("\"v1\"", true)]
    [InlineData("W/\"v1\"", true)]
    [InlineData("\"v0\", \"v1\"", true)]
    [InlineData("*", true)]
    [InlineData("\"v2\"", false)]
    public void NotModified_IfNoneMatch_ComparesTagsWeakly(string header, bool current)
    {
        Assert.Equal(current, Validators.NotModified(new PlaybackConditions(IfNoneMatch: header), Tag, Stored));
    }

    [Theory]
    [InlineData("Mon, 30 Nov 2026 12:00:00 GMT", true)]
    [InlineData("Tue, 01 Dec 2026 12:00:00 GMT", true)]
    [InlineData("Mon, 30 Nov 2026 11:59:59 GMT", false)]
    [InlineData("yesterday", false)]
    public void NotModified_IfModifiedSince_ComparesToTheSecond(string header, bool current)
    {
        Assert.Equal(current, Validators.NotModified(new PlaybackConditions(IfModifiedSince: header), Tag, Stored));
    }

    [Fact]
    public void NotModified_IfNoneMatchPresent_IfModifiedSinceIgnored()
    {
        var conditions = new PlaybackConditions(IfNoneMatch: "\"v2\"", IfModifiedSince: "Tue, 01 Dec 2026 12:00:00 GMT");
        Assert.False(Validators.NotModified(conditions, Tag, Stored));
    }

    [Fact]
    public void NotModified_ContentWithoutETag_NeverNotModified()
    {
        Assert.False(Validators.NotModified(new PlaybackConditions(IfNoneMatch: "*"), null, Stored));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("\"v1\"", true)]
    [InlineData("\"v2\"", false)]
    [InlineData("W/\"v1\"", false)]
    [InlineData("Mon, 30 Nov 2026 12:00:00 GMT", true)]
    [InlineData("Mon, 30 Nov 2026 12:00:01 GMT", false)]
    public void RangeHolds_IfRange_OnlyForThisExactVersion(string? ifRange, bool holds)
    {
        Assert.Equal(holds, Validators.RangeHolds(new PlaybackConditions(Range: "bytes=0-1", IfRange: ifRange), Tag, Stored));
    }
}
