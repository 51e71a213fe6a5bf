using MediaOrleans.Grains.Media;
using MediaOrleans.Interfaces;
using MediaOrleans.Tests.Audio;
using MediaOrleans.Tests.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaOrleans.Tests.Grains;

public sealed class VersionInspectionTests
{
    private static readonly byte[] Wav = WavBuilder.PcmFile(8000, 1, 16, 8000);

    private static MediaVersion Uninspected(byte[]? loaded, AudioFormat? audio = null)
    {
        var entry = new MediaVersion(new MediaInfo("prompts/put-by-others", "v1", "audio/wav", Wav.Length, DateTimeOffset.UnixEpoch,
            audio ?? AudioFormat.Unknown));
        if (loaded is not null)
        {
            entry.Stored = Task.FromResult<ArrivingBytes?>(ArrivingBytes.Complete(loaded));
        }

        return entry;
    }

    [Fact]
    public void InspectIfLoaded_WholeWavArrived_FillsInItsFormat()
    {
        var entry = Uninspected(Wav);

        VersionInspection.InspectIfLoaded(entry, NullLogger.Instance);

        Assert.Equal(new AudioFormat("pcm", 8000, 1, 1000, 128_000), entry.Info.Audio);
        Assert.True(entry.Inspected);
    }

    [Fact]
    public void InspectIfLoaded_BytesStillArriving_WaitsForTheRest()
    {
        var entry = Uninspected(null);
        var arriving = new ArrivingBytes(Wav.Length);
        arriving.Append(Wav.AsSpan(0, 100));
        entry.Stored = Task.FromResult<ArrivingBytes?>(arriving);

        VersionInspection.InspectIfLoaded(entry, NullLogger.Instance);
        Assert.False(entry.Inspected);

        arriving.Append(Wav.AsSpan(100));
        VersionInspection.InspectIfLoaded(entry, NullLogger.Instance);
        Assert.True(entry.Info.Audio.IsKnown);
    }

    [Fact]
    public void InspectIfLoaded_FormatAlreadyKnown_LeavesItAsStored()
    {
        var known = new AudioFormat("pcm", 16000, 1, 500, 256_000);
        var entry = Uninspected(Wav, known);

        VersionInspection.InspectIfLoaded(entry, NullLogger.Instance);

        Assert.Equal(known, entry.Info.Audio);
        Assert.False(entry.Inspected);
    }

    [Fact]
    public void InspectIfLoaded_NotAudio_IsLoggedOnceAndServedAsStored()
    {
        var entry = Uninspected([.. "RIFF but nothing like a wave file"u8]);
        var logger = new CollectingLogger();

        VersionInspection.InspectIfLoaded(entry, logger);
        VersionInspection.InspectIfLoaded(entry, logger);

        Assert.Equal(1, logger.Count(LogLevel.Warning));
        Assert.True(entry.Inspected);
        Assert.False(entry.Info.Audio.IsKnown);
    }
}
