using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

public sealed class RequestHeadTests
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

        var head = new RequestHead(RequestMethod.Source, "SOURCE", "/rec/a.mp3", http11, headers, null);

        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Fact]
    public void Indexer_RepeatedHeader_ReturnsFirstValue()
    {
        var head = new RequestHead(RequestMethod.Get, "GET", "/", true,
            [KeyValuePair.Create("X-A", "first"), KeyValuePair.Create("x-a", "second")], null);

        Assert.Equal("first", head["X-A"]);
        Assert.Null(head["X-B"]);
    }

    [Fact]
    public void Path_AsteriskTarget_IsAsterisk()
    {
        var head = new RequestHead(RequestMethod.Options, "OPTIONS", "*", true, [], null);

        Assert.Equal("*", head.Path);
    }
}
