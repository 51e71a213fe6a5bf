using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Naming;

public sealed class MediaVariantTests
{
    private static readonly MediaInfo Mp3 = new("a/mp3", "v1", "audio/mpeg", 100, DateTimeOffset.UnixEpoch, new AudioFormat("mp3", 8000, 1, 1000, 16000));
    private static readonly MediaInfo Wav = new("a/wav", "v1", "audio/wav", 100, DateTimeOffset.UnixEpoch, new AudioFormat("pcm", 8000, 1, 1000, 128000));

    [Theory]
    [InlineData("mp3", 0, true)]
    [InlineData("mp3", 8000, true)]
    [InlineData("mp3", 16000, false)]
    [InlineData("wav", 0, true)]
    [InlineData("wav", 8000, true)]
    [InlineData("wav", 16000, true)]
    [InlineData("wav", 12345, false)]
    [InlineData("ogg", 0, false)]
    public void IsAvailableFor_Mp3Item(string extension, int rate, bool available)
    {
        Assert.Equal(available, new MediaVariant(extension, rate).IsAvailableFor(Mp3, out var why));
        Assert.Equal(available, why is null);
    }

    [Theory]
    [InlineData("wav", 0, true)]
    [InlineData("wav", 16000, true)]
    [InlineData("mp3", 0, false)]
    public void IsAvailableFor_WavItem(string extension, int rate, bool available)
    {
        Assert.Equal(available, new MediaVariant(extension, rate).IsAvailableFor(Wav, out _));
    }

    [Theory]
    [InlineData("wav", 0, true)]
    [InlineData("wav", 8000, true)]
    [InlineData("wav", 16000, false)]
    public void IsStoredFormOf_WavItem(string extension, int rate, bool stored)
    {
        Assert.Equal(stored, new MediaVariant(extension, rate).IsStoredFormOf(Wav));
    }

    [Fact]
    public void IsStoredFormOf_Mp3AskedAsWav_IsATranscode()
    {
        Assert.False(new MediaVariant("wav", 0).IsStoredFormOf(Mp3));
        Assert.True(MediaVariant.Stored(Mp3).IsStoredFormOf(Mp3));
    }
}
