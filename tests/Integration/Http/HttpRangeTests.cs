using System.Globalization;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Http;

/// <summary>
/// Range and conditional requests on HTTP playback, as browsers (seeking voicemail in an
/// <c>audio</c> element) and revalidating caches send them, with curl: on a fresh connection
/// (the fast path ahead of Kestrel) and after an admin request on the same connection (Kestrel).
/// </summary>
public sealed class HttpRangeTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<bool> Paths => [false, true];

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task Range_FirstHundredBytes_Answers206WithExactlyThoseBytes(bool throughKestrel)
    {
        var (wav, url) = await UploadAsync("prompts/range-first", throughKestrel);

        var (status, headers, body) = await CurlAsync(url, throughKestrel, "-H 'Range: bytes=0-99'");

        Assert.Equal(206, status);
        Assert.Equal(wav[..100], body);
        Assert.Equal($"bytes 0-99/{wav.Length}", headers["content-range"]);
        Assert.Equal("100", headers["content-length"]);
        Assert.Equal("bytes", headers["accept-ranges"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task Range_SuffixAndOpenEnded_AnswerTheTailBytes(bool throughKestrel)
    {
        var (wav, url) = await UploadAsync("prompts/range-tail", throughKestrel);

        var (suffixStatus, _, suffix) = await CurlAsync(url, throughKestrel, "-H 'Range: bytes=-500'");
        var (openStatus, _, open) = await CurlAsync(url, throughKestrel, "-H 'Range: bytes=1000-'");

        Assert.Equal(206, suffixStatus);
        Assert.Equal(wav[^500..], suffix);
        Assert.Equal(206, openStatus);
        Assert.Equal(wav[1000..], open);
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task Range_PastTheEnd_Answers416WithTheLength(bool throughKestrel)
    {
        var (wav, url) = await UploadAsync("prompts/range-416", throughKestrel);

        var (status, headers, body) = await CurlAsync(url, throughKestrel, "-H 'Range: bytes=99999999-'");

        Assert.Equal(416, status);
        Assert.Equal($"bytes */{wav.Length}", headers["content-range"]);
        Assert.Empty(body);
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task Range_SeveralRangesOrAStaleIfRange_AnswerTheWholeBody(bool throughKestrel)
    {
        var (wav, url) = await UploadAsync("prompts/range-whole", throughKestrel);

        var (multiStatus, _, multi) = await CurlAsync(url, throughKestrel, "-H 'Range: bytes=0-9,20-29'");
        var (staleStatus, _, stale) = await CurlAsync(url, throughKestrel, "-H 'Range: bytes=0-9' -H 'If-Range: \"another-version\"'");

        Assert.Equal(200, multiStatus);
        Assert.Equal(wav, multi);
        Assert.Equal(200, staleStatus);
        Assert.Equal(wav, stale);
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task IfNoneMatch_TheVersionsETag_Answers304WithNoBody(bool throughKestrel)
    {
        var (_, url) = await UploadAsync("prompts/etag", throughKestrel);
        var (_, first, _) = await CurlAsync(url, throughKestrel, string.Empty);

        var (status, headers, body) = await CurlAsync(url, throughKestrel, $"-H 'If-None-Match: {first["etag"]}'");
        var (otherStatus, _, other) = await CurlAsync(url, throughKestrel, "-H 'If-None-Match: \"not-this-one\"'");

        Assert.Equal(304, status);
        Assert.Empty(body);
        Assert.Equal(first["etag"], headers["etag"]);
        Assert.Equal(200, otherStatus);
        Assert.NotEmpty(other);
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task IfModifiedSince_NotBeforeTheVersion_Answers304(bool throughKestrel)
    {
        var (_, url) = await UploadAsync("prompts/ims", throughKestrel);
        var (_, first, _) = await CurlAsync(url, throughKestrel, string.Empty);

        var (status, _, body) = await CurlAsync(url, throughKestrel, $"-H 'If-Modified-Since: {first["last-modified"]}'");

        Assert.Equal(304, status);
        Assert.Empty(body);
    }

    [SkippableFact]
    public async Task HeadWithRange_AnswersTheHeadersGetWould()
    {
        var (_, url) = await UploadAsync("prompts/range-head", throughKestrel: false);

        var (getStatus, get, _) = await CurlAsync(url, false, "-H 'Range: bytes=10-19'");
        var (headStatus, head, _) = await CurlAsync(url, false, "-I -H 'Range: bytes=10-19'");

        Assert.Equal(206, getStatus);
        Assert.Equal(getStatus, headStatus);
        get.Remove("date");
        head.Remove("date");
        Assert.Equal(new SortedDictionary<string, string>(get), new SortedDictionary<string, string>(head));
    }

    private async Task<(byte[] Wav, string Url)> UploadAsync(string name, bool throughKestrel)
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync(name, wav, "audio/wav")).Status);
        return (wav, await fixture.Api.StreamUrlAsync(name));
    }

    // curl reuses one connection for every URL on its command line: asking the admin API first
    // hands the connection to Kestrel, which then serves the playback request.
    private async Task<(int Status, Dictionary<string, string> Headers, byte[] Body)> CurlAsync(string url, bool throughKestrel, string options)
    {
        var body = Path.GetTempFileName();
        try
        {
            var first = throughKestrel ? $"-o /dev/null '{fixture.Silo.HttpBase}api/health' --next " : string.Empty;
            var result = await ProcessRunner.BashAsync($"curl -s {first}{options} -D - -o '{body}' '{url}'", ClientTimeout);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var lines = result.StdoutText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var statusLine = lines.Last(line => line.StartsWith("HTTP/", StringComparison.Ordinal));
            var headers = lines.SkipWhile(line => line != statusLine).Skip(1)
                .Select(line => line.Split(':', 2))
                .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim());
            return (int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture), headers, await File.ReadAllBytesAsync(body));
        }
        finally
        {
            File.Delete(body);
        }
    }
}
