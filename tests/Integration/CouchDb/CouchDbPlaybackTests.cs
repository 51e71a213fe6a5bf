using System.Diagnostics;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// Playback from CouchDB attachments (byte-exact over HTTP and SHOUT), uploads stored as
/// attachments, and documents changed behind the silo's back reaching new URLs at once.
/// </summary>
public sealed class CouchDbPlaybackTests(CouchDbSiloFixture fixture) : IClassFixture<CouchDbSiloFixture>
{
    private const int FiveMegabytes = 5 * 1024 * 1024;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task FiveMegabyteWavAttachment_PlaysByteExactOverHttp()
    {
        Requirements.Tools("curl");
        var wav = await CouchMediaFiles.LargeWavAsync(FiveMegabytes);
        await fixture.Couch.PutAttachmentAsync("system_media", "large-wav", "large-wav.wav", null, wav, "audio/wav");
        var url = await fixture.Api.StreamUrlAsync("system_media/large-wav");

        var body = await ProcessRunner.BashAsync($"curl -sf -A freeswitch-http-cache/1.0 '{url}'", ClientTimeout);

        Assert.True(body.ExitCode == 0, body.Stderr + fixture.Silo.Output);
        Assert.True(wav.Length >= FiveMegabytes);
        Assert.Equal(wav, body.Stdout);
    }

    [SkippableFact]
    public async Task FiveMegabyteMp3Attachment_PlaysByteExactOverShout()
    {
        Requirements.Tools("curl");
        var mp3 = await CouchMediaFiles.LargeMp3Async(FiveMegabytes);
        await fixture.Couch.PutAttachmentAsync("system_media", "large-mp3", "large-mp3.mp3", null, mp3, "audio/mpeg");
        var url = await fixture.Api.StreamUrlAsync("system_media/large-mp3");
        Assert.StartsWith("shout://", url, StringComparison.Ordinal);

        var body = await ProcessRunner.BashAsync(
            $"curl -s -A 'FreeSWITCH(mod_shout)/1.0' 'http://{url["shout://".Length..]}'", ClientTimeout);

        Assert.True(body.ExitCode == 0, body.Stderr + fixture.Silo.Output);
        Assert.True(mp3.Length >= FiveMegabytes);
        Assert.Equal(mp3, body.Stdout);
    }

    [SkippableFact]
    public async Task Upload_IsStoredAsAttachmentOfKazooMediaDocument()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        var (status, media) = await fixture.Api.UploadAsync("uploads/welcome", wav, "audio/wav");

        Assert.True(status == 200, $"{status} {media}\n{fixture.Silo.Output}");
        var doc = await fixture.Couch.GetDocumentAsync("uploads", "welcome");
        Assert.NotNull(doc);
        Assert.Equal("audio/wav", doc["content_type"]!.GetValue<string>());
        Assert.True(doc["streamable"]!.GetValue<bool>());
        Assert.Equal(wav, await fixture.Couch.GetAttachmentAsync("uploads", "welcome", "welcome.wav"));
        Assert.Equal(8000, media.GetProperty("sampleRate").GetInt32());
        var url = await fixture.Api.StreamUrlAsync("uploads/welcome");
        var body = await ProcessRunner.BashAsync($"curl -sf '{url}'", ClientTimeout);
        Assert.Equal(wav, body.Stdout);
    }

    [SkippableFact]
    public async Task SameUploadTwice_WritesNothingTheSecondTime()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var (_, first) = await fixture.Api.UploadAsync("uploads/twice", wav, "audio/wav");
        var revision = (await fixture.Couch.GetDocumentAsync("uploads", "twice"))!["_rev"]!.GetValue<string>();

        var (status, second) = await fixture.Api.UploadAsync("uploads/twice", wav, "audio/wav");

        Assert.Equal(200, status);
        Assert.Equal(first.GetProperty("version").GetString(), second.GetProperty("version").GetString());
        Assert.Equal(revision, (await fixture.Couch.GetDocumentAsync("uploads", "twice"))!["_rev"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task DocumentUpdatedBehindTheSilosBack_NewUrlWithinOneSecond_OldUrlKeepsItsVersion()
    {
        Requirements.Tools("curl");
        var before = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var after = before.ToArray();
        after[^2] ^= 0x55;
        var rev = await fixture.Couch.PutAttachmentAsync("system_media", "changing", "changing.wav", null, before, "audio/wav");
        var oldUrl = await fixture.Api.StreamUrlAsync("system_media/changing");
        Assert.Equal(before, (await ProcessRunner.BashAsync($"curl -sf '{oldUrl}'", ClientTimeout)).Stdout);

        // Kazoo (or an operator) replaces the attachment directly in CouchDB.
        await fixture.Couch.PutAttachmentAsync("system_media", "changing", "changing.wav", rev, after, "audio/wav");
        var changed = Stopwatch.StartNew();
        string newUrl;
        do
        {
            newUrl = await fixture.Api.StreamUrlAsync("system_media/changing");
        }
        while (newUrl == oldUrl && changed.Elapsed < TimeSpan.FromSeconds(5));

        var seen = changed.Elapsed;
        Console.WriteLine($"new URL handed out {seen.TotalMilliseconds:F0} ms after the direct update");
        Assert.NotEqual(oldUrl, newUrl);
        Assert.True(seen < TimeSpan.FromSeconds(1), $"the new version took {seen.TotalMilliseconds:F0} ms to reach /api/streams");
        Assert.Equal(after, (await ProcessRunner.BashAsync($"curl -sf '{newUrl}'", ClientTimeout)).Stdout);
        Assert.Equal(before, (await ProcessRunner.BashAsync($"curl -sf '{oldUrl}'", ClientTimeout)).Stdout);
    }

    [SkippableFact]
    public async Task DocumentMarkedNotStreamable_StopsGettingUrls()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Couch.PutAttachmentAsync("system_media", "retired", "retired.wav", null, wav, "audio/wav");
        await fixture.Api.StreamUrlAsync("system_media/retired");
        var doc = (await fixture.Couch.GetDocumentAsync("system_media", "retired"))!;
        doc["streamable"] = false;

        await fixture.Couch.PutDocumentAsync("system_media", "retired", doc);

        var deadline = Stopwatch.StartNew();
        int status;
        do
        {
            (status, _) = await fixture.Api.StreamAsync(new { mediaName = "system_media/retired" });
        }
        while (status == 200 && deadline.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal(422, status);
    }

    [SkippableFact]
    public async Task DocumentDeletedBehindTheSilosBack_AnswersNotFound()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var rev = await fixture.Couch.PutAttachmentAsync("system_media", "deleted", "deleted.wav", null, wav, "audio/wav");
        await fixture.Api.StreamUrlAsync("system_media/deleted");

        using var deleted = await fixture.Couch.Http.DeleteAsync(new Uri($"system_media/deleted?rev={rev}", UriKind.Relative));
        Assert.True(deleted.IsSuccessStatusCode);

        var deadline = Stopwatch.StartNew();
        int status;
        do
        {
            (status, _) = await fixture.Api.StreamAsync(new { mediaName = "system_media/deleted" });
        }
        while (status == 200 && deadline.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal(404, status);
    }
}
