using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

public sealed partial class Mp3InspectorTests
{
    private static readonly byte[][] ValidMp3s =
    [
        Mp3Builder.Mpeg25Frames(6),
        Mp3Builder.Mpeg1Frames(3),
        [.. Mp3Builder.Id3v2(40), .. Mp3Builder.Frames(Mp3Builder.Mpeg2Mono16k, 144, 4), .. Mp3Builder.Id3v1()],
        [.. Mp3Builder.TagFrame(Mp3Builder.Mpeg25Mono8k, 144, 9, "Xing"), .. Mp3Builder.Mpeg25Frames(3)],
    ];

    [Fact]
    public void Inspect_RandomBytes_ReturnsOrRejects()
    {
        AudioFuzz.ReturnsOrRejects(AudioFuzz.RandomInput([0xFF, 0xE3, 0x28, 0xC4]), bytes => Mp3Inspector.Inspect(bytes), 2_000);
    }

    [Fact]
    public void Inspect_DamagedValidFiles_ReturnsOrRejects()
    {
        AudioFuzz.ReturnsOrRejects(AudioFuzz.Mutated(ValidMp3s), bytes => Mp3Inspector.Inspect(bytes), 50_000);
    }
}
