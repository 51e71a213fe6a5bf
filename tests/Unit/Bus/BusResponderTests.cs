using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Streams;
using MediaOrleans.Tests.Audio;
using MediaOrleans.Tests.Grains;
using MediaOrleans.Tests.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Bus;

/// <summary>The responder over the real grains (in-process cluster, directory store) and the real StreamAllocator.</summary>
public sealed class BusResponderTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private const string ServerId = "mediaorleans-test-silo";
    private const string Account = "4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1";
    private static readonly byte[] Wav = WavBuilder.PcmFile(8000, 1, 16, 8000);
    private static readonly byte[] Mp3 = Mp3Builder.Mpeg25Frames(20);

    private BusResponder Responder(RecordingOptions? caps = null)
    {
        var urls = PlaybackUrlsFactory.Create(fixture.Time);
        var bus = Options.Create(new BusOptions { ServerId = ServerId });
        var retry = new ClusterRetry(TimeProvider.System);
        return new BusResponder(new StreamAllocator(fixture.Client, urls, retry, Options.Create(new TranscodeOptions())),
            new RecordingAllocator(fixture.Client, urls, retry, Options.Create(new RecordingOptions { DefaultMaxSeconds = 120 }),
                new OpenRecordings(fixture.Client, Options.Create(caps ?? new RecordingOptions()), TimeProvider.System)),
            new KazooMediaNames(bus), new BusIdentity(bus));
    }

    private async Task UploadAsync(string name, byte[] content, string contentType) =>
        await fixture.Client.GetGrain<IMediaFileGrain>(name).ReplaceAsync(new MediaUpload(contentType, content));

    private static BusRequest MediaReq(string mediaName, string? protocol = null, string? streamType = null, string? format = null,
        int? rate = null) =>
        new(BusRequestKind.Media, "caller-queue", "msg-" + mediaName, mediaName, protocol, streamType, format, rate);

    private async Task<BusReply> AnswerAsync(BusRequest request)
    {
        var answer = await Responder().AnswerAsync(request);
        Assert.NotNull(answer);
        Assert.Equal(request.ServerId, answer.RoutingKey);
        Assert.Equal(request.MsgId, answer.Reply.MsgId);
        Assert.Equal(("media", "mediaorleans", ServerId), (answer.Reply.EventCategory, answer.Reply.AppName, answer.Reply.ServerId));
        Assert.False(string.IsNullOrEmpty(answer.Reply.AppVersion));
        return answer.Reply;
    }

    [Theory]
    [InlineData("bus-prompt")]
    [InlineData("/bus-prompt")]
    [InlineData("system_media/bus-prompt")]
    [InlineData("/system_media/bus-prompt")]
    [InlineData("/system_media/bus-prompt/bus-prompt.wav")]
    public async Task Media_EveryKazooNameFormOfSystemMedia_AnswersTheItemsUrl(string mediaName)
    {
        await UploadAsync("system_media/bus-prompt", Wav, "audio/wav");

        var reply = await AnswerAsync(MediaReq(mediaName));

        Assert.Equal("media_resp", reply.EventName);
        Assert.Equal(mediaName, reply.MediaName);
        Assert.StartsWith($"http://{PlaybackUrlsFactory.Host}:{PlaybackUrlsFactory.HttpPort}/m/", reply.StreamUrl, StringComparison.Ordinal);
        Assert.EndsWith("/system_media/bus-prompt.wav", reply.StreamUrl, StringComparison.Ordinal);
        Assert.Null(reply.ErrorCode);
    }

    [Fact]
    public async Task Media_SingleSegmentItemOfItsOwn_WinsOverSystemMedia()
    {
        await UploadAsync("bus-own", Wav, "audio/wav");
        await UploadAsync("system_media/bus-own", Mp3, "audio/mpeg");

        var reply = await AnswerAsync(MediaReq("bus-own"));

        Assert.EndsWith("/bus-own.wav", reply.StreamUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("system_media", reply.StreamUrl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/" + Account + "/greeting-1")]
    [InlineData(Account + "/greeting-1")]
    [InlineData("/account%2F4f%2F8a%2Fd4d3e5a1b2c3d4e5f6a7b8c9d0e1/greeting-1")]
    public async Task Media_AccountMedia_AnswersTheItemUnderTheAccount(string mediaName)
    {
        await UploadAsync($"{Account}/greeting-1", Mp3, "audio/mpeg");

        var reply = await AnswerAsync(MediaReq(mediaName));

        Assert.Equal("media_resp", reply.EventName);
        Assert.Equal(mediaName, reply.MediaName);
        // An MP3 defaults to shout, as Kazoo chose for audio/mpeg.
        Assert.StartsWith($"shout://{PlaybackUrlsFactory.Host}:{PlaybackUrlsFactory.ShoutPort}/m/", reply.StreamUrl, StringComparison.Ordinal);
        Assert.EndsWith($"/{Account}/greeting-1.mp3", reply.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_Unknown_IsNotFoundNamingWhatWasTried()
    {
        var reply = await AnswerAsync(MediaReq("/bus-never-stored"));

        Assert.Equal(("media_error", "not_found"), (reply.EventName, reply.ErrorCode));
        Assert.Equal("/bus-never-stored", reply.MediaName);
        Assert.Equal("no media named '/bus-never-stored' (looked for 'bus-never-stored', 'system_media/bus-never-stored')", reply.ErrorMsg);
        Assert.Null(reply.StreamUrl);
    }

    [Theory]
    [InlineData("http", "http://")]
    [InlineData("shout", "shout://")]
    public async Task Media_ProtocolForcesTheScheme(string protocol, string scheme)
    {
        await UploadAsync("system_media/bus-mp3", Mp3, "audio/mpeg");

        var reply = await AnswerAsync(MediaReq("bus-mp3", protocol));

        Assert.StartsWith(scheme, reply.StreamUrl, StringComparison.Ordinal);
        Assert.EndsWith(".mp3", reply.StreamUrl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https")]
    [InlineData("vlc")]
    public async Task Media_ProtocolNotServed_IsOtherNamingIt(string protocol)
    {
        await UploadAsync("system_media/bus-mp3", Mp3, "audio/mpeg");

        var reply = await AnswerAsync(MediaReq("bus-mp3", protocol));

        Assert.Equal(("media_error", "other"), (reply.EventName, reply.ErrorCode));
        Assert.Contains($"'{protocol}'", reply.ErrorMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_ExtantOfAnMp3_JoinsTheContinuousStream()
    {
        await UploadAsync("system_media/bus-moh", Mp3, "audio/mpeg");

        var reply = await AnswerAsync(MediaReq("bus-moh", streamType: "extant"));

        Assert.StartsWith($"shout://{PlaybackUrlsFactory.Host}:{PlaybackUrlsFactory.ShoutPort}/c/", reply.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_ExtantOfAWav_IsOther()
    {
        await UploadAsync("system_media/bus-wav-moh", Wav, "audio/wav");

        var reply = await AnswerAsync(MediaReq("bus-wav-moh", streamType: "extant"));

        Assert.Equal("other", reply.ErrorCode);
    }

    [Fact]
    public async Task Media_Mp3AsWavAt16k_IsTheResampledVariant()
    {
        await UploadAsync("system_media/bus-variant", Mp3, "audio/mpeg");

        var reply = await AnswerAsync(MediaReq("bus-variant", format: "wav", rate: 16000));

        Assert.StartsWith("http://", reply.StreamUrl, StringComparison.Ordinal);
        Assert.Contains("-16000/", reply.StreamUrl, StringComparison.Ordinal);
        Assert.EndsWith("/system_media/bus-variant.wav", reply.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_WavOverShout_IsOther()
    {
        await UploadAsync("system_media/bus-wav", Wav, "audio/wav");

        var reply = await AnswerAsync(MediaReq("bus-wav", "shout"));

        Assert.Equal("other", reply.ErrorCode);
    }

    [Fact]
    public async Task Invalid_IsOtherWithTheProblemAndTheMsgId()
    {
        var reply = await AnswerAsync(new BusRequest(BusRequestKind.Invalid, "caller-queue", "m-bad", Problem: "Media-Name is missing"));

        Assert.Equal(("media_error", "other", "Media-Name is missing"), (reply.EventName, reply.ErrorCode, reply.ErrorMsg));
        Assert.Equal(string.Empty, reply.MediaName);
    }

    [Fact]
    public async Task Unanswerable_HasNoAnswer()
    {
        Assert.Null(await Responder().AnswerAsync(new BusRequest(BusRequestKind.Media, null, "m", "x")));
        Assert.Null(Responder().Failure(new BusRequest(BusRequestKind.Media, string.Empty, "m", "x"), "failed"));
    }

    [Fact]
    public async Task Record_Named_AllocatesAShoutSourceUrl()
    {
        var reply = await AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-rec", "vm/bus/msg-1", MaxSeconds: 90));

        Assert.Equal(("record_resp", "vm/bus/msg-1", 90), (reply.EventName, reply.MediaName, reply.MaxSeconds));
        var url = new Uri(reply.StreamUrl!);
        Assert.Equal(("shout", PlaybackUrlsFactory.Host, PlaybackUrlsFactory.ShoutPort), (url.Scheme, url.Host, url.Port));
        Assert.Equal("/rec/vm/bus/msg-1.mp3", url.AbsolutePath);
        Assert.Matches("^[^:]+:[^:]+$", url.UserInfo);
        Assert.Equal(RecordingState.Allocated, (await fixture.Client.GetGrain<IRecordingGrain>("vm/bus/msg-1").GetStatusAsync()).State);
    }

    [Fact]
    public async Task Record_Unnamed_GetsAFreshNameAndTheDefaultLength()
    {
        var reply = await AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-rec2"));

        Assert.StartsWith("rec-", reply.MediaName, StringComparison.Ordinal);
        Assert.Equal(120, reply.MaxSeconds);
        Assert.EndsWith($"/rec/{reply.MediaName}.mp3", reply.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_NameTaken_IsOther()
    {
        await AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-a", "vm/bus/taken"));

        var reply = await AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-b", "vm/bus/taken"));

        Assert.Equal(("media_error", "other", "vm/bus/taken"), (reply.EventName, reply.ErrorCode, reply.MediaName));
        Assert.Contains("already exists", reply.ErrorMsg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vm/bus/too-long", 100_000, "maxSeconds must be between 1 and")]
    [InlineData("vm/bus/zero", 0, "maxSeconds must be between 1 and")]
    [InlineData("../escape", 60, "not a valid recording name")]
    public async Task Record_BadNameOrLength_IsOther(string name, int maxSeconds, string message)
    {
        var reply = await AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-x", name, MaxSeconds: maxSeconds));

        Assert.Equal("other", reply.ErrorCode);
        Assert.Contains(message, reply.ErrorMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_PastTheOpenRecordingCap_IsOther()
    {
        var responder = Responder(new RecordingOptions { MaxOpen = 10, MaxOpenPerCaller = 1 });
        var first = await responder.AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-cap1", "vm/bus/cap-1"));

        var second = await responder.AnswerAsync(new BusRequest(BusRequestKind.Record, "caller-queue", "m-cap2", "vm/bus/cap-2"));

        Assert.Equal("record_resp", first!.Reply.EventName);
        Assert.Equal(("media_error", "other", "vm/bus/cap-2"), (second!.Reply.EventName, second.Reply.ErrorCode, second.Reply.MediaName));
        Assert.Contains("Media:Recordings:MaxOpenPerCaller", second.Reply.ErrorMsg, StringComparison.Ordinal);
        Assert.Equal(RecordingState.Unknown, (await fixture.Client.GetGrain<IRecordingGrain>("vm/bus/cap-2").GetStatusAsync()).State);
    }
}
