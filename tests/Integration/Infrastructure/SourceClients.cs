namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// The real source clients that share FreeSWITCH's recording code path: libshout's <c>shout</c>
/// CLI, <c>modshout-client</c> (mod_shout's exact libshout calls) and ffmpeg's icecast output.
/// </summary>
public static class SourceClients
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Path of the modshout-client binary built by scripts/install-test-deps.sh.</summary>
    public static string ModShoutClient => Path.Combine(RepoPaths.Tools, "modshout-client");

    /// <summary>libshout's CLI (SOURCE after OPTIONS, sends at real time).</summary>
    public static Task<ProcessResult> ShoutCliAsync(ShoutUrl url, string mp3)
    {
        Requirements.Tools("shout");
        return ProcessRunner.BashAsync(
            $"shout --usage audio --format mp3 -H {url.Host} -P {url.Port} --mount '{url.Mount}' --user '{url.User}' --pass '{url.Password}' < '{mp3}'",
            Timeout);
    }

    /// <summary>
    /// mod_shout's libshout calls; TLS auto (OPTIONS probe) unless <paramref name="tlsDisabled"/>.
    /// <paramref name="trustedCa"/> is handed to OpenSSL as <c>SSL_CERT_FILE</c>, the trust store a
    /// switch would have; without it the test CA is not trusted.
    /// </summary>
    public static Task<ProcessResult> ModShoutAsync(ShoutUrl url, string mp3, bool tlsDisabled = false, string? trustedCa = null)
    {
        Requirements.Tools(ModShoutClient);
        var environment = new Dictionary<string, string>();
        if (tlsDisabled)
        {
            environment["TLS_DISABLED"] = "1";
        }

        if (trustedCa is not null)
        {
            environment["SSL_CERT_FILE"] = trustedCa;
        }

        return ProcessRunner.RunAsync(ModShoutClient, [url.ModShoutArgument, mp3], Timeout, environment);
    }

    /// <summary>ffmpeg's icecast output: PUT with Expect: 100-continue, or SOURCE without waiting when <paramref name="legacy"/>.</summary>
    public static Task<ProcessResult> FfmpegAsync(ShoutUrl url, string mp3, bool legacy = false)
    {
        Requirements.Tools("ffmpeg");
        var legacyOption = legacy ? "-legacy_icecast 1" : string.Empty;
        return ProcessRunner.BashAsync(
            $"ffmpeg -nostdin -loglevel error -i '{mp3}' -c copy -id3v2_version 0 -f mp3 {legacyOption} '{url.Icecast}'",
            Timeout);
    }
}
