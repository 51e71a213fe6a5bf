using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Bus;

/// <summary>
/// Kazoo's media API over a real RabbitMQ node: media_req → media_resp / media_error on
/// <c>targeted</c>, every Media-Name form, every error code the directory store can produce, the
/// Protocol field, Msg-ID, malformed and unanswerable messages, and record_req. (<c>no_data</c>
/// needs a store that keeps items without content; the directory store never does, so its
/// mapping is covered by the unit tests.)
/// </summary>
[Collection(SharedRabbitMq.Name)]
public sealed class BusRequestTests(RabbitMqServer broker, BusSiloFixture fixture) : IClassFixture<BusSiloFixture>
{
    private async Task<BusClient> ReadyAsync()
    {
        broker.Require();
        await fixture.StartAsync(broker);
        return fixture.Client;
    }

    [SkippableTheory]
    [InlineData("bus-tone", "system_media/bus-tone.wav")]
    [InlineData("/bus-tone", "system_media/bus-tone.wav")]
    [InlineData("system_media/bus-tone", "system_media/bus-tone.wav")]
    [InlineData("/system_media/bus-tone", "system_media/bus-tone.wav")]
    [InlineData("/system_media/bus-tone/bus-tone.wav", "system_media/bus-tone.wav")]
    [InlineData("bus-own", "bus-own.wav")]
    [InlineData("/" + BusSiloFixture.Account + "/bus-greeting", BusSiloFixture.Account + "/bus-greeting.mp3")]
    [InlineData(BusSiloFixture.Account + "/bus-greeting", BusSiloFixture.Account + "/bus-greeting.mp3")]
    [InlineData("/account%2F4f%2F8a%2Fd4d3e5a1b2c3d4e5f6a7b8c9d0e1/bus-greeting", BusSiloFixture.Account + "/bus-greeting.mp3")]
    public async Task MediaReq_EveryKazooNameForm_AnswersAUrlThatServesTheItem(string mediaName, string urlEnd)
    {
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync(mediaName);

        Assert.Equal("media_resp", reply["Event-Name"]);
        Assert.Equal(mediaName, reply["Media-Name"]);
        var url = reply["Stream-URL"]!;
        Assert.EndsWith("/" + urlEnd, url, StringComparison.Ordinal);
        var expected = urlEnd.EndsWith(".mp3", StringComparison.Ordinal) ? fixture.Mp3 : fixture.Wav;
        Assert.Equal(expected, await FetchAsync(url));
    }

    [SkippableFact]
    public async Task MediaReq_Unknown_IsNotFound()
    {
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync("/system_media/bus-never-stored");

        Assert.Equal(("media_error", "not_found"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.Equal("/system_media/bus-never-stored", reply["Media-Name"]);
        Assert.Contains("does not exist", reply["Error-Msg"], StringComparison.Ordinal);
        Assert.Null(reply["Stream-URL"]);
    }

    [SkippableTheory]
    [InlineData("http", "http://")]
    [InlineData("shout", "shout://")]
    public async Task MediaReq_Protocol_ForcesTheSchemeOfAWorkingUrl(string protocol, string scheme)
    {
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync($"/{BusSiloFixture.Account}/bus-greeting", ("Protocol", protocol));

        Assert.StartsWith(scheme, reply["Stream-URL"], StringComparison.Ordinal);
        Assert.Equal(fixture.Mp3, await FetchAsync(reply["Stream-URL"]!));
    }

    [SkippableTheory]
    [InlineData("https")]
    [InlineData("vlc")]
    public async Task MediaReq_ProtocolNotServed_IsOtherSayingWhich(string protocol)
    {
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync("/system_media/bus-tone", ("Protocol", protocol));

        Assert.Equal(("media_error", "other"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.Equal($"protocol '{protocol}' is not served; use http or shout", reply["Error-Msg"]);
    }

    [SkippableTheory]
    [InlineData("Protocol", "shout", "shout streams carry MP3 only")]
    [InlineData("Stream-Type", "extant", "continuous (extant) streams carry a stored MP3")]
    [InlineData("Stream-Type", "later", "stream type 'later' is not served")]
    [InlineData("Format", "ogg", "format 'ogg' is not served")]
    public async Task MediaReq_FormThatCannotBeServed_IsOther(string field, string value, string message)
    {
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync("/system_media/bus-tone", (field, value));

        Assert.Equal(("media_error", "other"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.Contains(message, reply["Error-Msg"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task MediaReq_Extant_JoinsTheItemsContinuousStream()
    {
        Requirements.Tools("curl");
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync($"/{BusSiloFixture.Account}/bus-greeting", ("Stream-Type", "extant"));
        var url = reply["Stream-URL"]!;
        // Ten frames (the burst and a little more), however long a loaded machine takes to send them.
        var listened = await ProcessRunner.BashAsync($"curl -s --max-time 60 '{HttpForm(url)}' | head -c {10 * CallFrames.Bytes}",
            TimeSpan.FromSeconds(90));

        Assert.Contains("/c/", url, StringComparison.Ordinal);
        Assert.True(listened.Stdout.Length == 10 * CallFrames.Bytes, $"{listened.Stdout.Length} bytes from the continuous stream");
        Assert.Equal(10, CallFrames.FromStart(listened.Stdout));
    }

    [SkippableFact]
    public async Task MediaReq_Format_And_Rate_AnswerTheTranscodedWav()
    {
        var client = await ReadyAsync();

        var reply = await client.MediaRequestAsync($"/{BusSiloFixture.Account}/bus-greeting", ("Format", "wav"), ("Rate", 16000));
        var wav = await FetchAsync(reply["Stream-URL"]!);

        Assert.EndsWith("/bus-greeting.wav", reply["Stream-URL"], StringComparison.Ordinal);
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal(16000, BitConverter.ToInt32(wav, 24));
    }

    [SkippableFact]
    public async Task MsgId_IsCopiedExactly_WithKazooHeadersOnTheTargetedExchange()
    {
        var client = await ReadyAsync();
        var msgId = "kazoo-" + Guid.NewGuid() + "-ü/€ \"quoted\"";

        await client.PublishAsync(client.Request("media_req", msgId, ("Media-Name", "/system_media/bus-tone"), ("Call-ID", "call-1")));
        var reply = await client.WaitForReplyAsync(msgId);

        Assert.Equal(msgId, reply["Msg-ID"]);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal(("targeted", client.ServerId), (reply.Exchange, reply.RoutingKey));
        Assert.Equal(("media", "media_resp", "mediaorleans"), (reply["Event-Category"], reply["Event-Name"], reply["App-Name"]));
        Assert.Matches(@"^\d+\.\d+\.\d+", reply["App-Version"]);
        Assert.StartsWith("mediaorleans-", reply["Server-ID"], StringComparison.Ordinal);
        Assert.Single(client.RepliesTo(msgId));
    }

    [SkippableFact]
    public async Task Malformed_IsAnsweredWithMediaErrorOnce_AndNotRedelivered()
    {
        var client = await ReadyAsync();
        var msgId = "malformed-" + Guid.NewGuid().ToString("N");
        // Cut off mid-document: the Server-ID and Msg-ID before the break are still read.
        var body = $$"""{"Server-ID":"{{client.ServerId}}","Msg-ID":"{{msgId}}","Event-Category":"media","Event-Name":"media_req","Media-Name":"/sys""";

        await client.PublishAsync(body);
        var reply = await client.WaitForReplyAsync(msgId);
        await Task.Delay(1500);

        Assert.Equal(("media_error", "other"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.StartsWith("the body is not valid JSON", reply["Error-Msg"], StringComparison.Ordinal);
        Assert.Single(client.RepliesTo(msgId));
        Assert.Equal((0, 0), await broker.QueueCountsAsync("mediaorleans.media_req"));
        Assert.Equal(1, BusSilos.LogCount(fixture.Silo, $"Bus request {msgId} from {client.ServerId} refused"));
    }

    [SkippableTheory]
    [InlineData("Media-Name", "Media-Name is missing")]
    [InlineData("Event-Name", "Event-Name is missing")]
    public async Task MissingField_IsAnsweredWithMediaErrorOther(string left, string problem)
    {
        var client = await ReadyAsync();
        var msgId = Guid.NewGuid().ToString("N");
        var body = client.Request("media_req", msgId, ("Media-Name", "/system_media/bus-tone")).Replace($"\"{left}\":", "\"Unused\":", StringComparison.Ordinal);

        await client.PublishAsync(body);
        var reply = await client.WaitForReplyAsync(msgId);

        Assert.Equal(("media_error", "other"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.StartsWith(problem, reply["Error-Msg"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task NoServerId_IsAcknowledgedAndLoggedUnanswered()
    {
        var client = await ReadyAsync();
        var marker = "no-reply-" + Guid.NewGuid().ToString("N");

        await client.PublishAsync($$"""{"Event-Category":"media","Event-Name":"media_req","Msg-ID":"{{marker}}","Media-Name":"{{marker}}"}""");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (BusSilos.LogCount(fixture.Silo, "acknowledged unanswered") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(BusSilos.LogCount(fixture.Silo, "acknowledged unanswered") >= 1, fixture.Silo.Output);
        Assert.Equal((0, 0), await broker.QueueCountsAsync("mediaorleans.media_req"));
        Assert.Empty(client.RepliesTo(marker));
    }

    [SkippableFact]
    public async Task AnswerFailing_IsRequeuedOnce_ThenAnsweredWithOther()
    {
        var client = await ReadyAsync();
        var name = "bus-corrupt-" + Guid.NewGuid().ToString("N")[..8];
        // A store item whose description cannot be read: its grain fails to activate on every try.
        var meta = Path.Combine(fixture.Silo.DataPath, "media", "system_media", name, "@item", "meta.json");
        Directory.CreateDirectory(Path.GetDirectoryName(meta)!);
        await File.WriteAllTextAsync(meta, "{ not json");
        var msgId = Guid.NewGuid().ToString("N");

        await client.PublishAsync(client.Request("media_req", msgId, ("Media-Name", "/system_media/" + name)));
        var reply = await client.WaitForReplyAsync(msgId);
        await Task.Delay(1000);

        Assert.Equal(("media_error", "other"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.Contains("failed twice", reply["Error-Msg"], StringComparison.Ordinal);
        Assert.Single(client.RepliesTo(msgId));
        Assert.Equal(1, BusSilos.LogCount(fixture.Silo, $"Bus request {msgId}", "requeued for one more try"));
        Assert.Equal(1, BusSilos.LogCount(fixture.Silo, $"Bus request {msgId}", "failed again after redelivery"));
        Assert.Equal((0, 0), await broker.QueueCountsAsync("mediaorleans.media_req"));
    }

    [SkippableFact]
    public async Task RecordReq_AnswersAShoutUrlThatARealLibshoutSourceRecordsTo()
    {
        var client = await ReadyAsync();
        var name = "vm/bus/msg-" + Guid.NewGuid().ToString("N")[..8];
        var msgId = Guid.NewGuid().ToString("N");

        await client.PublishAsync(client.Request("record_req", msgId, ("Media-Name", name), ("Max-Seconds", 60)), routingKey: "record_req");
        var reply = await client.WaitForReplyAsync(msgId);
        var url = ShoutUrl.Parse(reply["Stream-URL"]!);
        var mp3 = await AudioFiles.Call8kMp3Async();
        var source = await SourceClients.ModShoutAsync(url, mp3);
        var (status, recording) = await fixture.Api.GetRecordingAsync(name);

        Assert.Equal(("record_resp", name), (reply["Event-Name"], reply["Media-Name"]));
        Assert.Equal(60, reply.Body.GetProperty("Max-Seconds").GetInt32());
        Assert.Equal(($"/rec/{name}.mp3", fixture.Silo.ShoutPort), (url.Mount, url.Port));
        Assert.True(source.ExitCode == 0, source.Stderr);
        Assert.Equal(200, status);
        Assert.Equal("complete", recording.GetProperty("state").GetString());
        Assert.Equal(new FileInfo(mp3).Length, recording.GetProperty("bytes").GetInt64());
    }

    [SkippableFact]
    public async Task RecordReq_NameTaken_IsOther()
    {
        var client = await ReadyAsync();
        var name = "vm/bus/taken-" + Guid.NewGuid().ToString("N")[..8];
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");

        await client.PublishAsync(client.Request("record_req", first, ("Media-Name", name)), routingKey: "record_req");
        await client.WaitForReplyAsync(first);
        await client.PublishAsync(client.Request("record_req", second, ("Media-Name", name)), routingKey: "record_req");
        var reply = await client.WaitForReplyAsync(second);

        Assert.Equal(("media_error", "other", name), (reply["Event-Name"], reply["Error-Code"], reply["Media-Name"]));
        Assert.Contains("already exists", reply["Error-Msg"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AmqpPublishCli_Request_IsAnsweredWithAUrlThatPlaysThroughCurlSox()
    {
        Requirements.Tools("amqp-publish", "curl", "sox");
        var client = await ReadyAsync();
        var msgId = Guid.NewGuid().ToString("N");
        var body = client.Request("media_req", msgId, ("Media-Name", "/system_media/bus-tone"));

        var published = await ProcessRunner.RunAsync("amqp-publish",
            [$"--url={broker.Uri}", "-e", "kapps", "-r", "media_req", "-C", "application/json", "-b", body], TimeSpan.FromSeconds(30));
        Assert.True(published.ExitCode == 0, published.Stderr);
        var reply = await client.WaitForReplyAsync(msgId);
        var pcm = await ProcessRunner.BashAsync(
            $"curl -sf '{reply["Stream-URL"]}' | sox -t wav - -t raw -r 8000 -c 1 -e signed-integer -b 16 -", TimeSpan.FromSeconds(30));

        Assert.Equal("media_resp", reply["Event-Name"]);
        Assert.True(pcm.ExitCode == 0, pcm.Stderr);
        // 3 s of 8 kHz 16-bit mono: exactly the stored WAV's samples.
        Assert.Equal(3 * 8000 * 2, pcm.Stdout.Length);
        Assert.Equal(AudioFiles.WavData(fixture.Wav), pcm.Stdout);
    }

    // shout:// URLs are plain HTTP GETs on the SHOUT port (what mod_shout does with them).
    private static string HttpForm(string url) =>
        url.StartsWith("shout://", StringComparison.Ordinal) ? "http://" + url["shout://".Length..] : url;

    private static async Task<byte[]> FetchAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(HttpForm(url)));
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
