using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

public sealed partial class WavInspectorTests
{
    private static readonly byte[][] ValidWavs =
    [
        WavBuilder.PcmFile(8000, 1, 16, 50),
        WavBuilder.PcmFile(44100, 2, 8, 30),
        new WavBuilder().Format(WavBuilder.Mulaw, 1, 8000, 8).Chunk("LIST", [1, 2, 3]).Data(41).Build(),
        new WavBuilder().ExtensibleFormat(WavBuilder.Pcm, 2, 48_000, 24).Data(60).Build(),
    ];

    [Fact]
    public void Inspect_RandomBytes_ReturnsOrRejects()
    {
        AudioFuzz.ReturnsOrRejects(AudioFuzz.RandomInput("RIFF\0\0\0\0WAVEfmt "u8.ToArray()), bytes => WavInspector.Inspect(bytes), 2_000);
    }

    [Fact]
    public void Inspect_DamagedValidFiles_ReturnsOrRejects()
    {
        AudioFuzz.ReturnsOrRejects(AudioFuzz.Mutated(ValidWavs), bytes => WavInspector.Inspect(bytes), 50_000);
    }
}
