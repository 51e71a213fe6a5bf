using CsCheck;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Audio;

/// <summary>
/// <c>Media:Audio:Decoder</c>: which decoder each setting gives, with and without libmpg123, how a
/// bad setting is reported at start, and libmpg123 itself on synthetic and damaged streams. The
/// machine has libmpg123 (scripts/install-test-deps.sh installs it); its absence is given as the
/// reason it would not load.
/// </summary>
public sealed class Mp3DecodersTests
{
    private const string NotLoaded = "libmpg123.so.0: cannot open shared object file: No such file or directory";
    private static readonly SectionOptionsValidator<AudioOptions> Validator = new(AudioOptions.Section);

    [Fact]
    public void Mpg123_OnThisMachine_Loads()
    {
        Assert.Null(Mpg123Mp3Decoder.UnavailableReason);
        Assert.Equal("mpg123", Mp3Decoders.Create(Mp3DecoderKind.Auto).Name);
    }

    [Theory]
    [InlineData(Mp3DecoderKind.Auto, null, "mpg123")]
    [InlineData(Mp3DecoderKind.Auto, NotLoaded, "nlayer")]
    [InlineData(Mp3DecoderKind.Mpg123, null, "mpg123")]
    [InlineData(Mp3DecoderKind.NLayer, null, "nlayer")]
    [InlineData(Mp3DecoderKind.NLayer, NotLoaded, "nlayer")]
    public void Create_SettingAndLibrary_GiveThatDecoder(Mp3DecoderKind kind, string? unavailable, string expected)
    {
        Assert.Equal(expected, Mp3Decoders.Create(kind, unavailable).Name);
        Assert.Null(Mp3Decoders.Problem(kind, unavailable));
    }

    [Fact]
    public void Create_Mpg123WithoutLibrary_FailsNamingTheKeyTheReasonAndThePackage()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Mp3Decoders.Create(Mp3DecoderKind.Mpg123, NotLoaded));

        Assert.Equal(Mp3Decoders.Problem(Mp3DecoderKind.Mpg123, NotLoaded), failure.Message);
        Assert.Contains("Media:Audio:Decoder", failure.Message, StringComparison.Ordinal);
        Assert.Contains(NotLoaded, failure.Message, StringComparison.Ordinal);
        Assert.Contains("libmpg123-0", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Mp3DecoderKind.Auto)]
    [InlineData(Mp3DecoderKind.Mpg123)]
    [InlineData(Mp3DecoderKind.NLayer)]
    public void Validate_EverySettingWithLibrary_Succeeds(Mp3DecoderKind kind)
    {
        Assert.True(Validator.Validate(null, new AudioOptions { Decoder = kind }).Succeeded);
    }

    [Fact]
    public void Validate_UndefinedNumber_NamesTheKey()
    {
        var result = Validator.Validate(null, new AudioOptions { Decoder = (Mp3DecoderKind)7 });

        Assert.StartsWith("Media:Audio:Decoder = '7'", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", Mp3DecoderKind.Auto)]
    [InlineData("mpg123", Mp3DecoderKind.Mpg123)]
    [InlineData("nlayer", Mp3DecoderKind.NLayer)]
    [InlineData("NLayer", Mp3DecoderKind.NLayer)]
    public void Bind_DocumentedSpellings_GiveTheSetting(string value, Mp3DecoderKind expected)
    {
        Assert.Equal(expected, Bind(value).Value.Decoder);
    }

    [Fact]
    public void Bind_UnknownDecoder_FailsNamingTheKey()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Bind("ffmpeg").Value);

        Assert.Contains("Media:Audio:Decoder", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mpg123Decode_SilentMpeg25Frames_GivesEveryFrameAt8kMono()
    {
        var audio = Mpg123Mp3Decoder.Instance.Decode(Mp3Builder.Mpeg25Frames(20));

        Assert.Equal((8000, 1, 20 * 576), (audio.SampleRate, audio.Channels, audio.Frames));
        Assert.All(audio.Samples, sample => Assert.Equal(0f, sample));
    }

    [Fact]
    public void Mpg123Decode_TaggedMpeg1Frames_SkipsTheTagsAndGivesEveryFrame()
    {
        byte[] mp3 = [.. Mp3Builder.Id3v2(300), .. Mp3Builder.Mpeg1Frames(6), .. Mp3Builder.ApeV2(50), .. Mp3Builder.Id3v1()];

        var audio = Mpg123Mp3Decoder.Instance.Decode(mp3);

        Assert.Equal((44100, 2, 6 * 1152), (audio.SampleRate, audio.Channels, audio.Frames));
    }

    [Fact]
    public void Mpg123Decode_NoMpegAudio_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Mpg123Mp3Decoder.Instance.Decode([]));
        Assert.Throws<InvalidDataException>(() => Mpg123Mp3Decoder.Instance.Decode("RIFF....WAVEfmt "u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => Mpg123Mp3Decoder.Instance.Decode(new byte[100_000]));
    }

    [Fact]
    public void Mpg123Decode_AnyInput_GivesWholeFramesOrInvalidData()
    {
        byte[][] valid = [Mp3Builder.Mpeg25Frames(20), [.. Mp3Builder.Id3v2(40), .. Mp3Builder.Mpeg1Frames(6)]];
        int[] rates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
        Gen.OneOf(AudioFuzz.Mutated(valid), AudioFuzz.RandomInput(Mp3Builder.Mpeg25Mono8k)).Sample(bytes =>
        {
            try
            {
                var audio = Mpg123Mp3Decoder.Instance.Decode(bytes);
                Assert.Contains(audio.SampleRate, rates);
                Assert.InRange(audio.Channels, 1, 2);
                Assert.Equal(0, audio.Samples.Length % audio.Channels);
            }
            catch (InvalidDataException)
            {
            }
        }, iter: 500);
    }

    [Fact]
    public void Mpg123Decode_ManyThreadsAtOnce_EachGetsTheWholeOutput()
    {
        byte[] mp3 = [.. Mp3Builder.Mpeg1Frames(40)];
        var expected = Mpg123Mp3Decoder.Instance.Decode(mp3).Samples;

        var results = new float[16][];
        Parallel.For(0, results.Length, i => results[i] = Mpg123Mp3Decoder.Instance.Decode(mp3).Samples);

        Assert.All(results, samples => Assert.Equal(expected, samples));
    }

    private static IOptions<AudioOptions> Bind(string decoder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Media:Audio:Decoder"] = decoder })
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<AudioOptions>().Bind(configuration.GetSection(AudioOptions.Section));
        return services.BuildServiceProvider().GetRequiredService<IOptions<AudioOptions>>();
    }
}
