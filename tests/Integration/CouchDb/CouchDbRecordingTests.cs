using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// Recordings stored into CouchDB as attachments, and a recording that finishes while CouchDB is
/// down: kept, stored once CouchDB is back, exactly once.
/// </summary>
public sealed class CouchDbRecordingTests(CouchDbSiloFixture fixture) : IClassFixture<CouchDbSiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task StoredRecording_IsAnAttachment_AndPlaysBack()
    {
        Requirements.Tools("curl");
        var mp3 = await AudioFiles.Call8kMp3Async();
        var name = await RecordAsync(mp3);

        var (status, media) = await fixture.Api.StoreRecordingAsync(name, "voicemail/box-1001-msg-1");

        Assert.True(status == 200, $"{status} {media}\n{fixture.Silo.Output}");
        var bytes = await File.ReadAllBytesAsync(mp3);
        Assert.Equal(bytes, await fixture.Couch.GetAttachmentAsync("voicemail", "box-1001-msg-1", "box-1001-msg-1.mp3"));
        var url = await fixture.Api.StreamUrlAsync("voicemail/box-1001-msg-1");
        var played = await ProcessRunner.BashAsync($"curl -sf 'http://{url["shout://".Length..]}'", ClientTimeout);
        Assert.Equal(bytes, played.Stdout);
    }

    [SkippableFact]
    public async Task RecordingFinishingWhileStoreIsDown_IsStoredExactlyOnceWhenItIsBack()
    {
        Requirements.Tools("curl");
        var mp3 = await AudioFiles.Other8kMp3Async();
        var bytes = await File.ReadAllBytesAsync(mp3);
        // The revisions one uninterrupted store makes, for comparison.
        var baseline = await RecordAsync(mp3);
        Assert.Equal(200, (await fixture.Api.StoreRecordingAsync(baseline, "voicemail/baseline-msg")).Status);
        var baselineRevision = Generation(await fixture.Couch.GetDocumentAsync("voicemail", "baseline-msg"));

        var (name, source) = await AllocateAsync();
        await fixture.Couch.StopAsync();
        string? storeStatus;
        double pendingDuringOutage;
        try
        {
            var sent = await SourceClients.FfmpegAsync(source, mp3);
            Assert.True(sent.ExitCode == 0, sent.Stderr);
            await WaitForAsync(name, r => r.GetProperty("state").GetString() == "complete");

            var (status, accepted) = await fixture.Api.StoreRecordingAsync(name, "voicemail/outage-msg");
            Assert.True(status == 202, $"{status} {accepted}\n{fixture.Silo.Output}");
            Assert.Equal("voicemail/outage-msg", accepted.GetProperty("storePending").GetString());
            var (_, pending) = await fixture.Api.GetRecordingAsync(name);
            storeStatus = pending.GetProperty("state").GetString();
            Assert.Equal(bytes.Length, pending.GetProperty("bytes").GetInt64());
            pendingDuringOutage = (await MetricsScrape.ReadAsync(fixture.Silo)).Sum("mediaorleans_recordings_stores_pending");
        }
        finally
        {
            await fixture.Couch.RestartAsync();
        }

        Assert.Equal("complete", storeStatus);
        var stored = await WaitForAsync(name, r => r.GetProperty("state").GetString() == "stored");
        Assert.Equal("voicemail/outage-msg", stored.GetProperty("storedAs").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("storePending").ValueKind);
        // The metrics saw the store wait for CouchDB, and end.
        Assert.Equal(1, pendingDuringOutage);
        Assert.Equal(0, (await MetricsScrape.ReadAsync(fixture.Silo)).Sum("mediaorleans_recordings_stores_pending"));
        Assert.Equal(bytes, await fixture.Couch.GetAttachmentAsync("voicemail", "outage-msg", "outage-msg.mp3"));
        Assert.Equal(baselineRevision, Generation(await fixture.Couch.GetDocumentAsync("voicemail", "outage-msg")));

        // Asking again stores nothing more.
        Assert.Equal(200, (await fixture.Api.StoreRecordingAsync(name, "voicemail/outage-msg")).Status);
        Assert.Equal(baselineRevision, Generation(await fixture.Couch.GetDocumentAsync("voicemail", "outage-msg")));
        var url = await fixture.Api.StreamUrlAsync("voicemail/outage-msg");
        Assert.Equal(bytes, (await ProcessRunner.BashAsync($"curl -sf 'http://{url["shout://".Length..]}'", ClientTimeout)).Stdout);
    }

    // A document's revision count ("3-…" is 3): how many times it was written.
    private static int Generation(System.Text.Json.Nodes.JsonObject? doc) =>
        int.Parse(doc!["_rev"]!.GetValue<string>().Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> RecordAsync(string mp3)
    {
        var (name, source) = await AllocateAsync();
        var sent = await SourceClients.FfmpegAsync(source, mp3);
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        await WaitForAsync(name, r => r.GetProperty("state").GetString() == "complete");
        return name;
    }

    private async Task<(string Name, ShoutUrl Source)> AllocateAsync()
    {
        var (status, allocation) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 60 });
        Assert.Equal(201, status);
        return (allocation.GetProperty("name").GetString()!, ShoutUrl.Parse(allocation.GetProperty("url").GetString()!));
    }

    private async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement recording;
        do
        {
            (_, recording) = await fixture.Api.GetRecordingAsync(name);
            if (condition(recording))
            {
                return recording;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"recording {name} never got there: {recording}\n{fixture.Silo.Output}");
        return recording;
    }
}
