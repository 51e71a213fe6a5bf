using MediaOrleans.Cli.Output;
using MediaOrleans.Client.Connection;
using MediaOrleans.Client.Media;
using MediaOrleans.Client.Recordings;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Client;

public sealed class ErrorReportTests
{
    public static TheoryData<Exception, int, string> Failures => new()
    {
        { new UsageException("bad"), 1, "usage" },
        { new ArgumentException("gateway 'x' is not host:port", "text"), 1, "usage" },
        { new FormatException("bad prefix"), 1, "usage" },
        { new NotFoundException("media 'a' does not exist"), 2, "not_found" },
        { new RecordingNotFoundException("r"), 2, "not_found" },
        { new PlaybackUrlException("a", UrlRefusal.NotFound, "'a' does not exist"), 2, "not_found" },
        { new PlaybackUrlException("a", UrlRefusal.FormatUnavailable, "WAV is served as WAV only"), 3, "format_unavailable" },
        { new MediaRejectedException(MediaRejection.InvalidAudio, "not audio"), 3, "invalid_audio" },
        { new MediaRejectedException(MediaRejection.InvalidName, "bad name"), 3, "invalid_name" },
        { new MediaRejectedException(MediaRejection.Conflict, "taken"), 3, "conflict" },
        { new MediaRejectedException(MediaRejection.NoData, "empty"), 3, "no_data" },
        { new MediaRejectedException(MediaRejection.UnsupportedType, "text/plain"), 3, "unsupported_media_type" },
        { new MediaRejectedException(MediaRejection.InvalidRequest, "too big to store"), 3, "invalid_request" },
        { new MediaTooLargeException("a", 10, 5), 3, "too_large" },
        { new RecordingPushException("r", AppendResult.LimitReached, 5, null, "limit"), 3, "limit_reached" },
        { new RecordingPushException("r", AppendResult.NotAdmitted, 0, null, "refused"), 3, "not_admitted" },
        { new RecordingPushException("r", AppendResult.SpoolFailed, 5, null, "disk full"), 3, "spool_failed" },
        { new ClusterUnreachableException("no gateway"), 4, "cannot_connect" },
        { new SiloUnavailableException("gone"), 4, "connection_lost" },
        { new TimeoutException("30 s"), 4, "timeout" },
        { new OperationCanceledException(), 130, "cancelled" },
        { new InvalidOperationException("surprise"), 5, "failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void From_MapsEachFailureToItsExitCodeAndErrorCode(Exception failure, int exitCode, string code)
    {
        var report = ErrorReport.From(failure);

        Assert.Equal((exitCode, code), (report.ExitCode, report.Code));
        Assert.DoesNotContain("   at ", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ArgumentException_DropsTheParameterSuffix()
    {
        var report = ErrorReport.From(new ArgumentException("gateway 'x' is not host:port", "text"));

        Assert.Equal("gateway 'x' is not host:port", report.Message);
    }
}
