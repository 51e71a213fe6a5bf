using CsCheck;
using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

/// <summary>Random and damaged input to the code that reads recordings as they stream in.</summary>
public sealed class StreamingAudioFuzzTests
{
    private static readonly byte[][] ValidMp3s =
    [
        Mp3Builder.Mpeg25Frames(20),
        [.. Mp3Builder.Id3v2(40), .. Mp3Builder.Mpeg1Frames(6)],
    ];

    [Fact]
    public void Mp3StreamMeter_AnyInputInAnyPieces_NeverThrowsAndNeverCountsPastTheBytes()
    {
        Gen.Select(Gen.OneOf(AudioFuzz.Mutated(ValidMp3s), AudioFuzz.RandomInput([0xFF, 0xE3, 0x28, 0xC4])), Gen.Int[1, 500])
            .Sample((bytes, piece) =>
            {
                var meter = new Mp3StreamMeter();
                for (var i = 0; i < bytes.Length; i += piece)
                {
                    meter.Append(bytes.AsSpan(i, Math.Min(piece, bytes.Length - i)));
                }

                // Every counted frame began with a 4-byte header inside the input.
                Assert.InRange(meter.Frames, 0, bytes.Length / 4);
            }, iter: 2_000);
    }

    [Fact]
    public void LameTagAndRecordingTail_AnyInput_NeverThrow()
    {
        Gen.OneOf(AudioFuzz.Mutated(ValidMp3s), AudioFuzz.RandomInput([0xFF, 0xFB, 0x90, 0x00])).Sample(bytes =>
        {
            _ = LameTag.Find(bytes);
            var silence = RecordingTail.TrailingSilenceMs(bytes);
            Assert.True(silence is null or >= 0);
        }, iter: 300);
    }
}
