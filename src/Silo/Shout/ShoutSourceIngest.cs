using System.Buffers;
using System.IO.Pipelines;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Limits;
using MediaOrleans.Silo.Wire;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// Takes in one recording source: admission by the recording grain with the source's
/// credentials, then the raw MP3 body (no length, no chunking: bytes until the source closes)
/// appended to the grain piece by piece. The grain keeps every byte whatever ends the stream, and
/// is told what did: the source closing, its silence (nothing for the idle time), or its data
/// rate falling under the floor.
/// </summary>
public sealed class ShoutSourceIngest(IGrainFactory grains, IOptions<ShoutOptions> options, TimeProvider time, ILogger<ShoutSourceIngest> logger)
{
    private readonly ShoutOptions _options = options.Value;

    /// <summary>
    /// Admits the source of recording <paramref name="name"/> and receives its stream to the end.
    /// Returns <c>null</c> once it was received, or the refusal's status before anything was sent:
    /// 401 for credentials the recording does not know, 403 when it already has (or had) a source,
    /// 503 when the silo cannot spool a source now (its disk is full).
    /// </summary>
    public async Task<int?> ReceiveAsync(string name, string user, string password, RequestHead head, IDuplexPipe transport)
    {
        var grain = grains.GetGrain<IRecordingGrain>(name);
        var admission = await grain.BeginSourceAsync(user, password);
        if (admission.Result != SourceAdmissionResult.Accepted)
        {
            return admission.Result switch
            {
                SourceAdmissionResult.Busy => 403,
                SourceAdmissionResult.Unavailable => 503,
                _ => 401,
            };
        }

        // A PUT with Expect: 100-continue takes it as the go-ahead too.
        await transport.Output.WriteAsync(ShoutReplies.SourceAccepted.ToArray());
        ShoutLog.SourceStarted(logger, name, head.MethodName);
        await AppendUntilEndAsync(grain, admission.Session, name, head.ContentLength, transport.Input);
        return null;
    }

    private async Task AppendUntilEndAsync(IRecordingGrain grain, Guid session, string name, long? contentLength, PipeReader input)
    {
        var end = SourceEnd.Closed;
        var reason = "closed";
        var received = 0L;
        var remaining = contentLength;
        var floor = new DataRateFloor(_options.SourceMinBytesPerSecond, _options.DataRateGrace, time);
        using var idle = new CancellationTokenSource();
        try
        {
            while (true)
            {
                idle.CancelAfter(TimeSpan.FromSeconds(_options.SourceIdleTimeoutSeconds));
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException)
                {
                    end = SourceEnd.Silence;
                    reason = end.Reason();
                    break;
                }

                var buffer = remaining is { } left ? result.Buffer.Slice(0, Math.Min(result.Buffer.Length, left)) : result.Buffer;
                var piece = buffer.Slice(0, Math.Min(buffer.Length, _options.MaxAppendBytes));
                var appended = AppendResult.Continue;
                if (!piece.IsEmpty)
                {
                    // While this append is in flight the pipe keeps filling, so pieces grow with load.
                    appended = await grain.AppendAsync(session, new RecordingChunk(piece.ToArray()));
                    received += piece.Length;
                    remaining -= piece.Length;
                }

                input.AdvanceTo(piece.End);
                if (appended != AppendResult.Continue)
                {
                    reason = appended switch
                    {
                        AppendResult.LimitReached => "limit reached",
                        AppendResult.SpoolFailed => "spool failed",
                        _ => "session ended",
                    };
                    break;
                }

                if (remaining == 0 || (result.IsCompleted && piece.End.Equals(result.Buffer.End)))
                {
                    break;
                }

                if (!floor.Moved(piece.Length))
                {
                    end = SourceEnd.TooSlow;
                    reason = end.Reason();
                    break;
                }
            }
        }
        finally
        {
            // Whatever ended the stream (close, reset, limit, idle), the recording keeps every byte.
            await grain.EndSourceAsync(session, end);
            ShoutLog.SourceEnded(logger, name, received, reason);
        }
    }
}
