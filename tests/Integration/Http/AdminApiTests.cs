using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Http;

/// <summary>The admin API of the minimum contract: media upload and info, streams, refusals.</summary>
public sealed class AdminApiTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [SkippableFact]
    public async Task UploadWav_AnswersInspectedMetadata()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        var (status, media) = await fixture.Api.UploadAsync("system_media/meta-wav", wav, "audio/wav");

        Assert.Equal(200, status);
        Assert.Equal("system_media/meta-wav", media.GetProperty("name").GetString());
        Assert.Equal("audio/wav", media.GetProperty("contentType").GetString());
        Assert.Equal(wav.Length, media.GetProperty("length").GetInt64());
        Assert.Equal("pcm", media.GetProperty("codec").GetString());
        Assert.Equal(8000, media.GetProperty("sampleRate").GetInt32());
        Assert.Equal(1, media.GetProperty("channels").GetInt32());
        Assert.Equal(3000, media.GetProperty("durationMs").GetInt64());
        Assert.Equal(128_000, media.GetProperty("bitrate").GetInt32());
        Assert.False(string.IsNullOrEmpty(media.GetProperty("version").GetString()));
    }

    [SkippableFact]
    public async Task UploadMp3_AnswersInspectedMetadata_AndGetReturnsTheSame()
    {
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());

        var (status, media) = await fixture.Api.UploadAsync("account/voicemail/greeting.mp3", mp3, "audio/mpeg");
        var (getStatus, fetched) = await fixture.Api.GetMediaAsync("account/voicemail/greeting.mp3");

        Assert.Equal(200, status);
        Assert.Equal("mp3", media.GetProperty("codec").GetString());
        Assert.Equal(8000, media.GetProperty("sampleRate").GetInt32());
        Assert.Equal(16_000, media.GetProperty("bitrate").GetInt32());
        Assert.InRange(media.GetProperty("durationMs").GetInt64(), 2900, 3200);
        Assert.Equal(200, getStatus);
        Assert.Equal(media.GetRawText(), fetched.GetRawText());
    }

    [SkippableFact]
    public async Task DeleteMedia_RemovesExactlyThatItem_And404sForANameThatNeverExisted()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync("deleting/n/a.media/x", wav, "audio/wav")).Status);

        var (never, error) = await fixture.Api.DeleteMediaAsync("deleting/n/a");

        Assert.Equal(404, never);
        Assert.Equal("not_found", error.GetProperty("error").GetString());
        Assert.Equal(200, (await fixture.Api.GetMediaAsync("deleting/n/a.media/x")).Status);

        Assert.Equal(200, (await fixture.Api.UploadAsync("deleting/n/a", wav, "audio/wav")).Status);
        Assert.Equal(204, (await fixture.Api.DeleteMediaAsync("deleting/n/a")).Status);
        Assert.Equal(404, (await fixture.Api.GetMediaAsync("deleting/n/a")).Status);
        Assert.Equal(200, (await fixture.Api.GetMediaAsync("deleting/n/a.media/x")).Status);
        Assert.Equal(404, (await fixture.Api.DeleteMediaAsync("deleting/n/a")).Status);
    }

    [SkippableFact]
    public async Task UploadText_AsAudio_IsRefusedWith422AndNothingStored()
    {
        var (status, error) = await fixture.Api.UploadAsync("prompts/garbage", Encoding.ASCII.GetBytes("this is not audio at all"), "audio/wav");

        Assert.Equal(422, status);
        Assert.Equal("invalid_audio", error.GetProperty("error").GetString());
        Assert.Equal(404, (await fixture.Api.GetMediaAsync("prompts/garbage")).Status);
    }

    [SkippableFact]
    public async Task UploadWithNonAudioType_IsRefusedWith415()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        var (status, error) = await fixture.Api.UploadAsync("prompts/typed-text", wav, "text/plain");

        Assert.Equal(415, status);
        Assert.Equal("unsupported_media_type", error.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task UploadMp3BytesDeclaredAsWav_IsRefusedWith422()
    {
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());

        var (status, _) = await fixture.Api.UploadAsync("prompts/lying-type", mp3, "audio/wav");

        Assert.Equal(422, status);
    }

    [SkippableFact]
    public async Task StreamsForUnknownMedia_Answer404NotFound()
    {
        var (status, error) = await fixture.Api.StreamAsync(new { mediaName = "system_media/does-not-exist" });

        Assert.Equal(404, status);
        Assert.Equal("not_found", error.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task StreamsProtocolDefault_IsShoutForMp3AndHttpForWav()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        await fixture.Api.UploadAsync("prompts/default-wav", wav, "audio/wav");
        await fixture.Api.UploadAsync("prompts/default-mp3", mp3, "audio/mpeg");

        Assert.StartsWith("http://", await fixture.Api.StreamUrlAsync("prompts/default-wav"), StringComparison.Ordinal);
        Assert.StartsWith("shout://", await fixture.Api.StreamUrlAsync("prompts/default-mp3"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StreamsWithUnknownProtocol_Answer400()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/vlc", wav, "audio/wav");

        var (status, error) = await fixture.Api.StreamAsync(new { mediaName = "prompts/vlc", protocol = "vlc" });

        Assert.Equal(400, status);
        Assert.Equal("unsupported_protocol", error.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task InvalidNamesAndJson_AreRefusedWith400()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        Assert.Equal(400, (await fixture.Api.UploadAsync("prompts/..%2F..%2Fetc", wav, "audio/wav")).Status);
        Assert.Equal(400, (await fixture.Api.StreamAsync(new { protocol = "http" })).Status);
        Assert.Equal(400, (await fixture.Api.AllocateRecordingAsync(new { name = "bad name" })).Status);
    }

    [SkippableFact]
    public async Task AllocateRecording_Answers201WithShoutUrlAndFreshCredentials()
    {
        var (status, first) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 120 });
        var (_, second) = await fixture.Api.AllocateRecordingAsync();

        Assert.Equal(201, status);
        var a = ShoutUrl.Parse(first.GetProperty("url").GetString()!);
        var b = ShoutUrl.Parse(second.GetProperty("url").GetString()!);
        Assert.Equal(fixture.Silo.ShoutPort, a.Port);
        Assert.EndsWith(".mp3", a.Mount, StringComparison.Ordinal);
        Assert.NotEqual(a.User, b.User);
        Assert.NotEqual(a.Password, b.Password);
        Assert.True(a.Password.Length >= 20);
        Assert.DoesNotContain('@', a.Password);
        Assert.Equal(120, first.GetProperty("maxSeconds").GetInt32());

        var (getStatus, recording) = await fixture.Api.GetRecordingAsync(first.GetProperty("name").GetString()!);
        Assert.Equal(200, getStatus);
        Assert.Equal("allocated", recording.GetProperty("state").GetString());
        Assert.Equal(0, recording.GetProperty("bytes").GetInt64());
    }

    [SkippableFact]
    public async Task AllocateTakenName_Answers409_AndOutOfRangeMaxSeconds400()
    {
        Assert.Equal(201, (await fixture.Api.AllocateRecordingAsync(new { name = "vm/taken" })).Status);
        Assert.Equal(409, (await fixture.Api.AllocateRecordingAsync(new { name = "vm/taken" })).Status);
        Assert.Equal(400, (await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 0 })).Status);
    }
}
