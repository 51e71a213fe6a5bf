using System.Globalization;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// The first bytes of a large attachment reach the player before the silo could have fetched
/// the whole attachment from CouchDB: the grain streams its load instead of waiting for the end.
/// </summary>
public sealed class CouchDbFirstByteTests(ThrottledCouchDbFixture fixture, ITestOutputHelper output)
    : IClassFixture<ThrottledCouchDbFixture>
{
    private const int AttachmentBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task ColdFirstByte_ComesBeforeTheWholeAttachmentCouldBeFetched()
    {
        Requirements.Tools("curl");
        var wav = await CouchMediaFiles.LargeWavAsync(AttachmentBytes);
        await fixture.Couch.PutAttachmentAsync("system_media", "first-byte", "first-byte.wav", null, wav, "audio/wav");
        var direct = $"http://{PouchDbServer.User}:{PouchDbServer.Password}@127.0.0.1:{fixture.Link.Port}/system_media/first-byte/first-byte.wav";

        // Three names of the same attachment: three grains, so three cold loads from CouchDB.
        var whole = new List<double>();
        var cold = new List<double>();
        foreach (var name in new[] { "system_media/first-byte", "first-byte", "system_media/first-byte/first-byte.wav" })
        {
            var (wholeFirst, wholeTotal, wholeBytes) = await TimeAsync(direct);
            Assert.Equal(wav.Length, wholeBytes);
            whole.Add(wholeTotal);

            var url = await fixture.Api.StreamUrlAsync(name);
            var (coldFirst, coldTotal, coldBytes) = await TimeAsync(url);
            var (warmFirst, warmTotal, _) = await TimeAsync(url);
            Assert.Equal(wav.Length, coldBytes);
            cold.Add(coldFirst);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: direct from CouchDB first byte {wholeFirst * 1000:F1} ms, whole {wholeTotal * 1000:F1} ms; " +
                $"silo cold first byte {coldFirst * 1000:F1} ms (whole {coldTotal * 1000:F1} ms), warm first byte {warmFirst * 1000:F1} ms (whole {warmTotal * 1000:F1} ms)"));
        }

        var coldMedian = Median(cold);
        var wholeMedian = Median(whole);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{wav.Length} bytes over a {ThrottledCouchDbFixture.LinkBytesPerSecond / 1024 / 1024} MiB/s link: cold first byte median {coldMedian * 1000:F1} ms, whole attachment median {wholeMedian * 1000:F1} ms"));
        Assert.True(coldMedian < wholeMedian,
            $"cold first byte {coldMedian * 1000:F1} ms is not below the whole fetch {wholeMedian * 1000:F1} ms\n{fixture.Silo.Output}");
    }

    private static async Task<(double FirstByte, double Total, long Bytes)> TimeAsync(string url)
    {
        var result = await ProcessRunner.BashAsync(
            $"curl -sf -o /dev/null -w '%{{time_starttransfer}} %{{time_total}} %{{size_download}}' '{url}'", ClientTimeout);
        Assert.True(result.ExitCode == 0, $"curl failed ({result.ExitCode}): {result.Stderr}");
        var fields = result.StdoutText.Split(' ');
        return (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
