using MediaOrleans.Silo.Configuration;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Urls;

/// <summary>https playback URLs: named only when the HTTPS port is on, with the same path and signature as http.</summary>
public sealed class HttpsUrlTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    [Fact]
    public void WithHttpsPort_HttpsUrlNamesItAndCarriesTheHttpPathAndSignature()
    {
        var urls = PlaybackUrlsFactory.Create(_time, httpsPort: 24519);

        var https = urls.ForMedia(PlaybackUrlsFactory.Welcome, UrlScheme.Https, "wav");
        var http = urls.ForMedia(PlaybackUrlsFactory.Welcome, UrlScheme.Http, "wav");

        Assert.True(urls.ServesHttps);
        Assert.StartsWith($"https://{PlaybackUrlsFactory.Host}:24519/m/", https, StringComparison.Ordinal);
        Assert.Equal(PlaybackUrlsFactory.PathOf(http), PlaybackUrlsFactory.PathOf(https));
        Assert.Equal(PlaybackUrlStatus.Valid, urls.Check(PlaybackUrlsFactory.PathOf(https), out _));
    }

    [Fact]
    public void WithoutCertificate_HttpsIsNotServed()
    {
        var urls = PlaybackUrlsFactory.Create(_time);

        Assert.False(urls.ServesHttps);
        Assert.Throws<InvalidOperationException>(() => urls.ForMedia(PlaybackUrlsFactory.Welcome, UrlScheme.Https, "wav"));
    }

    [Fact]
    public void PortOffset_MovesTheHttpsPortToo()
    {
        var endpoints = SiloEndpoints.From(new MediaOptions { PortOffset = 7 }, 24517, 24518, 11111, 30000, 24519);

        Assert.Equal(24526, endpoints.HttpsPort);
        Assert.Null(SiloEndpoints.From(new MediaOptions { PortOffset = 7 }, 24517, 24518, 11111, 30000).HttpsPort);
    }
}
