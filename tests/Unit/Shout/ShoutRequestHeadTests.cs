using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

public sealed class ShoutRequestHeadTests
{
    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "close", false)]
    [InlineData(true, "Close", false)]
    [InlineData(true, "Upgrade, close", false)]
    [InlineData(true, "Upgrade", true)]
    [InlineData(false, null, false)]
    [InlineData(false, "Keep-Alive", true)]
    [InlineData(false, "keep-alive", true)]
    [InlineData(false, "Upgrade , keep-alive", true)]
    [InlineData(false, "close", false)]
    public void KeepAlive_VersionAndConnectionHeader_DecideReuse(bool http11, string? connection, bool keepAlive)
    {
        var headers = connection is null ? [] : new[] { KeyValuePair.Create("Connection", connection) };

        var head = new ShoutRequestHead(ShoutMethod.Source, "/rec/a.mp3", http11, headers, null);

        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Fact]
    public void Indexer_RepeatedHeader_ReturnsFirstValue()
    {
        var head = new ShoutRequestHead(ShoutMethod.Get, "/", true,
            [KeyValuePair.Create("X-A", "first"), KeyValuePair.Create("x-a", "second")], null);

        Assert.Equal("first", head["X-A"]);
        Assert.Null(head["X-B"]);
    }

    [Fact]
    public void Path_AsteriskTarget_IsAsterisk()
    {
        var head = new ShoutRequestHead(ShoutMethod.Options, "*", true, [], null);

        Assert.Equal("*", head.Path);
    }
}
