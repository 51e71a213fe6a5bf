using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Configuration;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Urls;

/// <summary>PlaybackUrls wired with test options, and sample media.</summary>
internal static class PlaybackUrlsFactory
{
    public const string Secret = "test-secret-0123456789abcdefghijklmnop";
    public const string Host = "media.example.test";
    public const int HttpPort = 24517;
    public const int ShoutPort = 24518;

    public static readonly MediaInfo Welcome = Media("prompts/en/welcome", "0123456789abcdef0123");

    public static PlaybackUrls Create(TimeProvider time, int lifetimeSeconds = 86_400, int roundingSeconds = 3600, int? httpsPort = null) =>
        new(new MediaUrlSigner(Secret),
            new SiloEndpoints(Host, "0.0.0.0", HttpPort, ShoutPort, 11111, 30000, httpsPort),
            Options.Create(new UrlOptions { Secret = Secret, LifetimeSeconds = lifetimeSeconds, RoundingSeconds = roundingSeconds }),
            time);

    public static MediaInfo Media(string name, string version) =>
        new(name, version, "audio/wav", 16_044, DateTimeOffset.UnixEpoch, new AudioFormat("pcm", 8000, 1, 1000, 128_000));

    /// <summary>The path a listener sees for <paramref name="url"/> (shout:// parsed as http://).</summary>
    public static string PathOf(string url) =>
        new Uri(url.StartsWith("shout://", StringComparison.Ordinal) ? "http://" + url["shout://".Length..] : url).AbsolutePath;
}
