using System.Diagnostics;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// Playback from CouchDB attachments (byte-exact over HTTP and SHOUT), uploads stored as
/// attachments, and documents changed behind the silo's back reaching new URLs through the
/// database's change feed.
/// </summary>
public sealed class CouchDbPlaybackTests(CouchDbSiloFixture fixture, ITestOutputHelper output) : IClassFixture<CouchDbSiloFixture>
{
    private const int FiveMegabytes = 5 * 1024 * 1024;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);
    // A change reaches the silo through one long poll of _changes (milliseconds when idle); this
    // only bounds the wait, far below the 60 s a poll may hang before it is asked again.
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(30);

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
    public async Task DocumentUpdatedBehindTheSilosBack_ChangeFeedBringsANewUrl_OldUrlKeepsItsVersion()
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
        var newUrl = await UntilAsync(() => fixture.Api.StreamUrlAsync("system_media/changing"), url => url != oldUrl,
            "/api/streams kept answering the old version's URL");

        output.WriteLine($"new URL handed out {changed.Elapsed.TotalMilliseconds:F0} ms after the direct update");
        // The silo learnt of it from the _changes feed (not by asking CouchDB on every request).
        Assert.True(BusSilos.LogCount(fixture.Silo, "document changing changed; refreshing") >= 1, fixture.Silo.Output);
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

        var (status, _) = await UntilAsync(() => fixture.Api.StreamAsync(new { mediaName = "system_media/retired" }), answer => answer.Status != 200,
            "the document marked not streamable still gets URLs");

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

        var (status, _) = await UntilAsync(() => fixture.Api.StreamAsync(new { mediaName = "system_media/deleted" }), answer => answer.Status != 200,
            "the deleted document still gets URLs");

        Assert.Equal(404, status);
    }

    // Asks again until the answer satisfies done; a change that never arrives fails with why.
    private async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, string failure)
    {
        var deadline = DateTime.UtcNow + ChangeTimeout;
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{failure} {ChangeTimeout.TotalSeconds} s after the change: {answer}\n{fixture.Silo.Output}");
            await Task.Delay(50);
        }
    }
}
