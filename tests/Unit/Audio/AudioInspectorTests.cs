using MediaOrleans.Grains.Audio;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Audio;

public sealed class AudioInspectorTests
{
    [Theory]
    [InlineData("audio/wav", "audio/wav")]
    [InlineData("audio/x-wav", "audio/wav")]
    [InlineData("audio/wave", "audio/wav")]
    [InlineData("audio/vnd.wave", "audio/wav")]
    [InlineData("AUDIO/WAV", "audio/wav")]
    [InlineData(" audio/x-wav ; codecs=1", "audio/wav")]
    [InlineData("audio/mpeg", "audio/mpeg")]
    [InlineData("audio/mp3", "audio/mpeg")]
    [InlineData("audio/mpeg3", "audio/mpeg")]
    [InlineData("audio/x-mpeg-3", "audio/mpeg")]
    [InlineData("Audio/MPEG; bitrate=16000", "audio/mpeg")]
    public void CanonicalContentType_ServedType_MapsToCanonical(string declared, string canonical)
    {
        Assert.Equal(canonical, AudioInspector.CanonicalContentType(declared));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(";")]
    [InlineData("audio/ogg")]
    [InlineData("audio/x-flac")]
    [InlineData("audio/wav2")]
    [InlineData("audio/wavs")]
    [InlineData("audio/mpegurl")]
    [InlineData("video/mpeg")]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain")]
    [InlineData("wav")]
    public void CanonicalContentType_OtherType_Null(string? declared)
    {
        Assert.Null(AudioInspector.CanonicalContentType(declared));
    }

    [Fact]
    public void Inspect_Wav_ReturnsCanonicalTypeAndFormat()
    {
        var (contentType, format) = AudioInspector.Inspect("audio/x-wav", WavBuilder.PcmFile(8000, 1, 16, 8000));

        Assert.Equal(AudioInspector.WavContentType, contentType);
        Assert.Equal(new AudioFormat("pcm", 8000, 1, 1000, 128_000), format);
    }

    [Fact]
    public void Inspect_Mp3_ReturnsCanonicalTypeAndFormat()
    {
        var (contentType, format) = AudioInspector.Inspect("audio/mp3", Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(AudioInspector.Mp3ContentType, contentType);
        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), format);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("audio/ogg")]
    [InlineData("application/octet-stream")]
    public void Inspect_UnsupportedContentType_RejectedAsUnsupportedType(string? declared)
    {
        var error = Assert.Throws<MediaRejectedException>(() => AudioInspector.Inspect(declared, WavBuilder.PcmFile(8000, 1, 16, 800)));

        Assert.Equal(MediaRejection.UnsupportedType, error.Reason);
    }

    [Fact]
    public void Inspect_UnsupportedContentTypeAndEmptyBody_TypeReportedFirst()
    {
        var error = Assert.Throws<MediaRejectedException>(() => AudioInspector.Inspect("audio/ogg", []));

        Assert.Equal(MediaRejection.UnsupportedType, error.Reason);
    }

    [Fact]
    public void Inspect_WavDeclaredButMp3Bytes_RejectedAsInvalidAudio()
    {
        var error = Assert.Throws<MediaRejectedException>(() => AudioInspector.Inspect("audio/wav", Mp3Builder.Mpeg25Frames(10)));

        Assert.Equal(MediaRejection.InvalidAudio, error.Reason);
    }

    [Fact]
    public void Inspect_Mp3DeclaredButWavBytes_RejectedAsInvalidAudio()
    {
        var error = Assert.Throws<MediaRejectedException>(() => AudioInspector.Inspect("audio/mpeg", WavBuilder.PcmFile(8000, 1, 16, 8000)));

        Assert.Equal(MediaRejection.InvalidAudio, error.Reason);
    }

    [Theory]
    [InlineData("audio/wav")]
    [InlineData("audio/mpeg")]
    public void Inspect_EmptyBody_RejectedAsInvalidAudio(string declared)
    {
        var error = Assert.Throws<MediaRejectedException>(() => AudioInspector.Inspect(declared, []));

        Assert.Equal(MediaRejection.InvalidAudio, error.Reason);
    }
}
