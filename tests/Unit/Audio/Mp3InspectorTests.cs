using System.Text;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Audio;

public sealed partial class Mp3InspectorTests
{
    [Fact]
    public void Inspect_ModShout8kStream_72MsFramesAt16Kbps()
    {
        var format = Mp3Inspector.Inspect(Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), format);
    }

    [Fact]
    public void Inspect_Mpeg2Mono16k_36MsFramesAt32Kbps()
    {
        var format = Mp3Inspector.Inspect(Mp3Builder.Frames(Mp3Builder.Mpeg2Mono16k, Mp3Builder.Mpeg2FrameBytes, 10));

        Assert.Equal(new AudioFormat("mp3", 16_000, 1, 360, 32_000), format);
    }

    [Fact]
    public void Inspect_Mpeg1Stereo44k_WithPaddedFrames()
    {
        // 10 frames of 1152 samples: 11520 / 44.1 = 261.2 ms; 4175 bytes * 8 * 44100 / 11520 = 127859.375 bps.
        var format = Mp3Inspector.Inspect(Mp3Builder.Mpeg1Frames(10));

        Assert.Equal(new AudioFormat("mp3", 44_100, 2, 261, 127_859), format);
    }

    [Fact]
    public void Inspect_SingleFrame_Accepted()
    {
        Assert.Equal(72, Mp3Inspector.Inspect(Mp3Builder.Mpeg25Frames(1)).DurationMs);
    }

    [Fact]
    public void Inspect_Id3v2Prefix_SkippedBySyncsafeSize()
    {
        // 6000 = 0x00 0x00 0x2E 0x70 syncsafe; read as plain big-endian it would be 11888 and skip real frames.
        var mp3 = Concat(Mp3Builder.Id3v2(6000), Mp3Builder.Mpeg25Frames(100));

        Assert.Equal(7200, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_Id3v2PrefixHidingFrames_TagContentNotCounted()
    {
        // Were the tag scanned, these MPEG-1 frames would be taken as the stream and the real ones as junk.
        var mp3 = Concat(Mp3Builder.Id3v2(Concat(Mp3Builder.Mpeg1Frames(3), new byte[100])), Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), Mp3Inspector.Inspect(mp3));
    }

    [Fact]
    public void Inspect_Id3v2WithFooter_SkipsFooterToo()
    {
        var mp3 = Concat(Mp3Builder.Id3v2(5000, footer: true), Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(720, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_Id3v1Trailer_Ignored()
    {
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(10), Mp3Builder.Id3v1());

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), Mp3Inspector.Inspect(mp3));
    }

    [Fact]
    public void Inspect_SingleFrameThenId3v1Trailer_Accepted()
    {
        // The lone first frame counts only if the trailer is cut off before looking for the next frame.
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(1), Mp3Builder.Id3v1());

        Assert.Equal(72, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_BothId3Tags_OnlyFramesCounted()
    {
        var mp3 = Concat(Mp3Builder.Id3v2(300), Mp3Builder.Mpeg1Frames(10), Mp3Builder.Id3v1());

        Assert.Equal(new AudioFormat("mp3", 44_100, 2, 261, 127_859), Mp3Inspector.Inspect(mp3));
    }

    [Theory]
    [InlineData("Xing")]
    [InlineData("Info")]
    public void Inspect_XingOrInfoFirstFrame_NotCounted(string tag)
    {
        var mp3 = Concat(Mp3Builder.TagFrame(Mp3Builder.Mpeg25Mono8k, 144, 9, tag), Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), Mp3Inspector.Inspect(mp3));
    }

    [Fact]
    public void Inspect_XingFirstFrameStereoMpeg1_NotCounted()
    {
        var mp3 = Concat(Mp3Builder.TagFrame(Mp3Builder.Mpeg1Stereo44k, 417, 32, "Info"), Mp3Builder.Mpeg1Frames(10));

        Assert.Equal(new AudioFormat("mp3", 44_100, 2, 261, 127_859), Mp3Inspector.Inspect(mp3));
    }

    [Fact]
    public void Inspect_VbriFirstFrame_NotCounted()
    {
        var mp3 = Concat(Mp3Builder.TagFrame(Mp3Builder.Mpeg25Mono8k, 144, 32, "VBRI"), Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(720, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_InfoTagInLaterFrame_Counted()
    {
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(5), Mp3Builder.TagFrame(Mp3Builder.Mpeg25Mono8k, 144, 9, "Info"), Mp3Builder.Mpeg25Frames(4));

        Assert.Equal(720, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_OnlyAnInfoFrame_Rejected()
    {
        AssertRejected(Mp3Builder.TagFrame(Mp3Builder.Mpeg25Mono8k, 144, 9, "Info"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    [InlineData(143)]
    public void Inspect_TruncatedLastFrame_Dropped(int lastFrameBytes)
    {
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(10), Mp3Builder.Mpeg25Frames(1)[..lastFrameBytes]);

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), Mp3Inspector.Inspect(mp3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(100)]
    public void Inspect_SingleFrameThenTruncatedFrame_TruncatedOneDropped(int lastFrameBytes)
    {
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(1), Mp3Builder.Mpeg25Frames(1)[..lastFrameBytes]);

        Assert.Equal(72, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_JunkBetweenFrames_Tolerated()
    {
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(10), Encoding.ASCII.GetBytes("some junk"), Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(1440, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_LoneSyncPatternInLeadingJunk_NotTakenAsFirstFrame()
    {
        var mp3 = Concat(new byte[50], Mp3Builder.Mpeg1Stereo44k, new byte[200], Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), Mp3Inspector.Inspect(mp3));
    }

    [Fact]
    public void Inspect_FewFramesOfAnotherRate_SkippedAsJunk()
    {
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(10), Mp3Builder.Mpeg1Frames(1), Mp3Builder.Mpeg25Frames(10));

        Assert.Equal(new AudioFormat("mp3", 8000, 1, 1440, 16_000), Mp3Inspector.Inspect(mp3));
    }

    [Fact]
    public void Inspect_ManyFramesOfAnotherRateAfterFirst_Rejected()
    {
        AssertRejected(Concat(Mp3Builder.Mpeg25Frames(10), Mp3Builder.Mpeg1Frames(12)));
    }

    [Fact]
    public void Inspect_ManyFramesOfAnotherChannelCount_Rejected()
    {
        byte[] stereo8k = [0xFF, 0xE3, 0x28, 0x04];

        AssertRejected(Concat(Mp3Builder.Mpeg25Frames(10), Mp3Builder.Frames(stereo8k, 144, 40)));
    }

    [Fact]
    public void Inspect_ApeTagAfterFrames_Ignored()
    {
        // The class documents that APE tags at the back are skipped; cover art makes them large.
        var mp3 = Concat(Mp3Builder.Mpeg25Frames(10), Mp3Builder.ApeV2(5000));

        Assert.Equal(720, Mp3Inspector.Inspect(mp3).DurationMs);
    }

    [Fact]
    public void Inspect_Empty_Rejected()
    {
        AssertRejected([]);
    }

    [Fact]
    public void Inspect_RandomBytes_Rejected()
    {
        var random = new Random(20240601);
        foreach (var length in new[] { 3, 100, 4000, 5000, 100_000 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            AssertRejected(bytes);
        }
    }

    [Theory]
    [InlineData("This is not an MP3 file, it is a text file that someone uploaded by mistake.")]
    [InlineData("<html><head><title>404 Not Found</title></head></html>")]
    [InlineData("{\"error\":\"not_found\"}")]
    public void Inspect_Text_Rejected(string text)
    {
        AssertRejected(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, 100))));
        AssertRejected(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void Inspect_WavFile_Rejected()
    {
        AssertRejected(WavBuilder.PcmFile(8000, 1, 16, 8000));
    }

    [Fact]
    public void Inspect_OnlyId3Tags_Rejected()
    {
        AssertRejected(Concat(Mp3Builder.Id3v2(1000), Mp3Builder.Id3v1()));
    }

    [Theory]
    [InlineData(0xFF, 0xE3, 0x08, 0xC4)]
    [InlineData(0xFF, 0xE3, 0xF8, 0xC4)]
    [InlineData(0xFF, 0xE3, 0x2C, 0xC4)]
    [InlineData(0xFF, 0xEB, 0x28, 0xC4)]
    [InlineData(0xFF, 0xE5, 0x28, 0xC4)]
    [InlineData(0xFF, 0xE7, 0x28, 0xC4)]
    [InlineData(0xFF, 0xC3, 0x28, 0xC4)]
    public void Inspect_InvalidFrameHeaders_Rejected(int b0, int b1, int b2, int b3)
    {
        AssertRejected(Mp3Builder.Frames([(byte)b0, (byte)b1, (byte)b2, (byte)b3], 144, 10));
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static void AssertRejected(byte[] mp3)
    {
        var error = Assert.Throws<MediaRejectedException>(() => Mp3Inspector.Inspect(mp3));
        Assert.Equal(MediaRejection.InvalidAudio, error.Reason);
        Assert.StartsWith("invalid MP3: ", error.Message, StringComparison.Ordinal);
    }
}
