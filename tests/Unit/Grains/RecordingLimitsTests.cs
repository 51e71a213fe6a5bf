using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Grains;

public sealed class RecordingLimitsTests
{
    private static readonly DateTimeOffset Started = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static readonly RecordingLimits Limits = new(new RecordingOptions { MaxSeconds = 600, GraceSeconds = 5, MaxBytes = 4096 });

    private static readonly RecordingRecord Receiving =
        new("calls/limits", RecordingState.Receiving, "recuser", "hash", 20, Started, StartedAt: Started);

    [Theory]
    [InlineData(1)]
    [InlineData(600)]
    public void CheckRequested_WithinBounds_Passes(int maxSeconds)
    {
        Limits.CheckRequested(new RecordingRequest(maxSeconds));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(601)]
    public void CheckRequested_OutOfBounds_IsAnInvalidRequestNamingTheRange(int maxSeconds)
    {
        var refused = Assert.Throws<MediaRejectedException>(() => Limits.CheckRequested(new RecordingRequest(maxSeconds)));

        Assert.Equal(MediaRejection.InvalidRequest, refused.Reason);
        Assert.Equal($"maxSeconds must be between 1 and 600, not {maxSeconds}", refused.Message);
    }

    [Fact]
    public void BeforeAppend_UpToMaxSecondsPlusGrace_GoesOn_ThenMaxSeconds()
    {
        Assert.Null(Limits.BeforeAppend(Receiving, Started.AddSeconds(25)));
        Assert.Equal("max-seconds", Limits.BeforeAppend(Receiving, Started.AddSeconds(25).AddTicks(1)));
    }

    [Theory]
    [InlineData(0, 100, 100)]
    [InlineData(4000, 100, 96)]
    [InlineData(4096, 100, 0)]
    public void Admissible_TakesWhatFitsUnderMaxBytes(long spooled, int offered, int taken)
    {
        Assert.Equal(taken, Limits.Admissible(spooled, offered));
    }

    [Fact]
    public void AfterAppend_BytesCutOrMaxBytesReached_MaxBytes()
    {
        Assert.Null(Limits.AfterAppend(Receiving, 4095, cut: false, durationMs: 0));
        Assert.Equal("max-bytes", Limits.AfterAppend(Receiving, 4096, cut: false, durationMs: 0));
        Assert.Equal("max-bytes", Limits.AfterAppend(Receiving, 100, cut: true, durationMs: 0));
    }

    [Fact]
    public void AfterAppend_AudioPastMaxSeconds_MaxSeconds()
    {
        Assert.Null(Limits.AfterAppend(Receiving, 100, cut: false, durationMs: 20_000));
        Assert.Equal("max-seconds", Limits.AfterAppend(Receiving, 100, cut: false, durationMs: 20_001));
    }

    [Fact]
    public void AfterAppend_BothReached_MaxBytesFirst()
    {
        Assert.Equal("max-bytes", Limits.AfterAppend(Receiving, 4096, cut: true, durationMs: 60_000));
    }
}
