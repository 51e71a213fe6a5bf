using MediaOrleans.Client;
using MediaOrleans.Client.Connection;
using MediaOrleans.Client.Media;
using MediaOrleans.Client.Recordings;
using MediaOrleans.Interfaces;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Client;

/// <summary>MediaOrleans.Client as an application uses it, against a real silo process.</summary>
public sealed class MediaClientTests(SiloFixture fixture) : IClassFixture<SiloFixture>, IAsyncLifetime
{
    private MediaClient? _client;

    private MediaClient Client => _client!;

    public async Task InitializeAsync() => _client = await MediaClient.ConnectAsync(Options());

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Upload_FromANonSeekableStream_IsDescribedListedPlayableAndDeletable()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        var info = await Client.Media.UploadAsync("lib/prompts/tone", new ForwardOnlyStream(wav), MediaContentTypes.Wav);
        var described = await Client.Media.GetInfoAsync("lib/prompts/tone");
        var listed = await Client.Media.ListAsync("lib/prompts/");
        var url = await Client.Media.GetPlaybackUrlAsync(new UrlRequest("lib/prompts/tone"));
        using var http = new HttpClient();
        var played = await http.GetByteArrayAsync(new Uri(url.Url));
        var deleted = await Client.Media.DeleteAsync("lib/prompts/tone");

        Assert.Equal(wav.Length, info.Length);
        Assert.Equal(info, described);
        Assert.Equal(["lib/prompts/tone"], listed);
        Assert.Equal(info.Version, url.Media.Version);
        Assert.Equal("audio/wav", url.ContentType);
        Assert.Equal(wav, played);
        Assert.True(deleted);
        Assert.Null(await Client.Media.GetInfoAsync("lib/prompts/tone"));
        Assert.False(await Client.Media.DeleteAsync("lib/prompts/tone"));
    }

    [SkippableFact]
    public async Task Upload_OverTheLimit_IsRefusedBeforeAnythingIsSent()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var options = Options();
        options.MaxUploadBytes = 4096;
        await using var small = await MediaClient.ConnectAsync(options);

        var seekable = await Assert.ThrowsAsync<MediaTooLargeException>(
            () => small.Media.UploadAsync("lib/too-big", new MemoryStream(wav), MediaContentTypes.Wav));
        var forwardOnly = await Assert.ThrowsAsync<MediaTooLargeException>(
            () => small.Media.UploadAsync("lib/too-big", new ForwardOnlyStream(wav), MediaContentTypes.Wav));

        Assert.Equal(wav.Length, seekable.Length);
        Assert.Equal(4096, seekable.Limit);
        Assert.Null(forwardOnly.Length);
        Assert.Null(await small.Media.GetInfoAsync("lib/too-big"));
    }

    [Fact]
    public async Task Refusals_AreTypedWithTheirCodes()
    {
        var notAudio = await Assert.ThrowsAsync<MediaRejectedException>(
            () => Client.Media.UploadAsync("lib/not-audio", new MemoryStream("hello"u8.ToArray()), MediaContentTypes.Wav));
        var badName = await Assert.ThrowsAsync<MediaRejectedException>(() => Client.Media.GetInfoAsync("bad name"));
        var unknown = await Assert.ThrowsAsync<PlaybackUrlException>(() => Client.Media.GetPlaybackUrlAsync(new UrlRequest("lib/unknown")));

        Assert.Equal(MediaRejection.InvalidAudio, notAudio.Reason);
        Assert.Equal(MediaRejection.InvalidName, badName.Reason);
        Assert.True(unknown.IsNotFound);
        Assert.Equal("not_found", unknown.Code);
        Assert.Equal(UrlRefusal.NotFound, unknown.Refusal);
    }

    [SkippableFact]
    public async Task Watch_FollowsALibshoutSourceFromAllocatedToComplete()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var ticket = await Client.Recordings.AllocateAsync("lib/calls/watched", 60);
        var states = new List<RecordingState>();
        RecordingStatus? last = null;
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var watching = Task.Run(async () =>
        {
            await foreach (var status in Client.Recordings.WatchAsync(ticket.Name, TimeSpan.FromMilliseconds(50)))
            {
                if (states.Count == 0 || states[^1] != status.State)
                {
                    states.Add(status.State);
                }

                last = status;
                firstSeen.TrySetResult();
            }
        });
        await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var source = await SourceClients.ShoutCliAsync(ShoutUrl.Parse(ticket.Url), mp3);
        await watching.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(source.ExitCode == 0, source.Stderr);
        Assert.Equal([RecordingState.Allocated, RecordingState.Receiving, RecordingState.Complete], states);
        Assert.Equal(new FileInfo(mp3).Length, last!.Bytes);
    }

    [SkippableFact]
    public async Task Push_ThenStore_GivesPlayableMedia()
    {
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());

        var status = await Client.Recordings.PushAsync(new MemoryStream(mp3), new RecordingPushOptions { Name = "lib/calls/pushed", MaxSeconds = 60 });
        var stored = await Client.Recordings.StoreAsync("lib/calls/pushed", "lib/vm/pushed");
        var url = await Client.Media.GetPlaybackUrlAsync(new UrlRequest("lib/vm/pushed", Protocol: "http"));
        using var http = new HttpClient();

        Assert.Equal(mp3.Length, status.Bytes);
        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("lib/vm/pushed", stored.Name);
        Assert.Equal(mp3, await http.GetByteArrayAsync(new Uri(url.Url)));
        Assert.Equal(RecordingState.Stored, (await Client.Recordings.GetStatusAsync("lib/calls/pushed")).State);
        Assert.Contains(await Client.Recordings.ListAsync("lib/calls/"), r => r.Name == "lib/calls/pushed" && r.StoredAs == "lib/vm/pushed");
    }

    [SkippableFact]
    public async Task Push_PastMaxSeconds_StopsWithLimitReached_KeepingWhatArrived()
    {
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());

        // 4 KiB of 16 kbps audio is 2 s: the first append already passes a 1 s limit.
        var stopped = await Assert.ThrowsAsync<RecordingPushException>(() => Client.Recordings.PushAsync(new MemoryStream(mp3),
            new RecordingPushOptions { Name = "lib/calls/too-long", MaxSeconds = 1, ChunkBytes = RecordingPushOptions.MinChunkBytes }));
        using var kept = new MemoryStream();
        await Client.Recordings.CopyToAsync("lib/calls/too-long", kept);

        Assert.Equal(AppendResult.LimitReached, stopped.Result);
        Assert.Equal("max-seconds", stopped.Status!.StoppedReason);
        Assert.Equal(RecordingState.Complete, stopped.Status.State);
        Assert.Equal(mp3[..RecordingPushOptions.MinChunkBytes], kept.ToArray());
        Assert.Contains("reached its 1 s limit", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_ListsTheSiloWithItsLoad()
    {
        var silos = await Client.Cluster.GetSilosAsync();

        var silo = Assert.Single(silos);
        Assert.Equal("active", silo.Status);
        Assert.Contains($":{fixture.Silo.Ports.Silo}:", silo.Address, StringComparison.Ordinal);
        Assert.True(silo.Activations > 0);
        Assert.True(silo.Clients >= 1);
    }

    [Fact]
    public async Task Connect_ToAPortNobodyListensOn_FailsWithinTheTimeout()
    {
        var options = new MediaClientOptions { ConnectTimeout = TimeSpan.FromSeconds(1) };
        options.Gateways.Add($"127.0.0.1:{FreePorts.Next()}");
        var started = DateTime.UtcNow;

        var failure = await Assert.ThrowsAsync<ClusterUnreachableException>(() => MediaClient.ConnectAsync(options));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Contains("no gateway accepted the connection", failure.Message, StringComparison.Ordinal);
    }

    private MediaClientOptions Options()
    {
        // The default 10 s is for an application; a loaded test machine may take longer to connect.
        var options = new MediaClientOptions { ConnectTimeout = TimeSpan.FromSeconds(60) };
        options.Gateways.Add(Mediactl.Gateway(fixture.Silo));
        return options;
    }

    // A stream that cannot tell its length, like a network body or a pipe.
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
