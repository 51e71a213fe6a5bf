using CsCheck;
using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

public sealed class Mp3StreamMeterTests
{
    [Fact]
    public void Append_WholeMpeg25Stream_CountsEveryFrame()
    {
        var meter = new Mp3StreamMeter();

        meter.Append(Mp3Builder.Mpeg25Frames(100));

        Assert.Equal(100, meter.Frames);
        Assert.Equal(8000, meter.SampleRate);
        Assert.Equal(7200, meter.DurationMs);
    }

    [Fact]
    public void Append_AnyPieceSizes_MatchesTheInspector()
    {
        byte[] stream = [.. Mp3Builder.Id3v2(300), .. Mp3Builder.Mpeg1Frames(40)];
        var expected = Mp3Inspector.Inspect(stream).DurationMs;

        Gen.Int[1, 700].Array[1, 200].Sample(cuts =>
        {
            var meter = new Mp3StreamMeter();
            var position = 0;
            foreach (var cut in cuts)
            {
                var take = Math.Min(cut, stream.Length - position);
                meter.Append(stream.AsSpan(position, take));
                position += take;
            }

            meter.Append(stream.AsSpan(position));
            Assert.Equal(expected, meter.DurationMs);
            Assert.Equal(40, meter.Frames);
        }, iter: 5_000);
    }

    [Fact]
    public void Append_JunkBetweenFrames_IsSteppedOver()
    {
        var meter = new Mp3StreamMeter();

        meter.Append([.. Mp3Builder.Mpeg25Frames(3), 0x00, 0x11, 0x22, .. Mp3Builder.Mpeg25Frames(2)]);

        Assert.Equal(5, meter.Frames);
    }

    [Fact]
    public void Append_NothingOrGarbage_IsZero()
    {
        var meter = new Mp3StreamMeter();

        meter.Append("not an mp3 stream at all"u8);

        Assert.Equal(0, meter.DurationMs);
        Assert.Equal(0, meter.SampleRate);
    }
}
