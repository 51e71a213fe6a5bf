using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Streams;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Turns a bus request into its reply: <c>media_req</c> → <c>media_resp</c> or <c>media_error</c>,
/// <c>record_req</c> → <c>record_resp</c> or <c>media_error</c>. Knows nothing of AMQP; the rules
/// for URLs are <see cref="StreamAllocator"/>'s and the recording grain's. Failures that may pass
/// (a grain call timing out, a silo going away) are thrown for the caller to retry.
/// </summary>
public sealed class BusResponder(
    StreamAllocator allocator,
    RecordingAllocator recordings,
    KazooMediaNames names,
    BusIdentity identity)
{
    /// <summary>The reply to <paramref name="request"/>, or null when it names no <c>Server-ID</c> to reply to.</summary>
    public async Task<BusAnswer?> AnswerAsync(BusRequest request)
    {
        if (!request.Answerable)
        {
            return null;
        }

        return request.Kind switch
        {
            BusRequestKind.Media => await MediaAsync(request),
            BusRequestKind.Record => await RecordAsync(request),
            _ => Error(request, BusErrorCodes.Other, request.Problem ?? "the request is not understood"),
        };
    }

    /// <summary>The caller name bus allocations count against (one for every switch on the bus).</summary>
    public const string BusCaller = "bus";

    /// <summary>A <c>media_error</c> <c>other</c> for a request that could not be answered; null without a <c>Server-ID</c>.</summary>
    public BusAnswer? Failure(BusRequest request, string message) =>
        request.Answerable ? Error(request, BusErrorCodes.Other, message) : null;

    private async Task<BusAnswer> MediaAsync(BusRequest request)
    {
        var candidates = names.Candidates(request.MediaName!);
        StreamAllocation? allocation = null;
        foreach (var candidate in candidates)
        {
            allocation = await allocator.AllocateAsync(
                new UrlRequest(candidate, request.Protocol, request.Format, request.Rate, request.StreamType));
            if (allocation.Refusal is not (UrlRefusal.NotFound or UrlRefusal.InvalidName))
            {
                break;
            }
        }

        if (allocation!.Granted)
        {
            return Reply(request, KazooEvents.MediaResponse, request.MediaName!, streamUrl: allocation.Url);
        }

        var refusal = allocation.Refusal!.Value;
        var message = refusal is UrlRefusal.NotFound or UrlRefusal.InvalidName && candidates.Count > 1
            ? $"no media named '{request.MediaName}' (looked for {string.Join(", ", candidates.Select(c => $"'{c}'"))})"
            : allocation.Message ?? refusal.ToString();
        return Error(request, BusErrorCodes.For(refusal), message);
    }

    private async Task<BusAnswer> RecordAsync(BusRequest request)
    {
        try
        {
            var ticket = await recordings.AllocateAsync(request.MediaName, request.MaxSeconds, BusCaller);
            return Reply(request, KazooEvents.RecordResponse, ticket.Name, streamUrl: ticket.Url, maxSeconds: ticket.MaxSeconds);
        }
        catch (MediaRejectedException rejected)
        {
            return Error(request, BusErrorCodes.Other, rejected.Message);
        }
    }

    private BusAnswer Error(BusRequest request, string code, string message) =>
        Reply(request, KazooEvents.MediaError, request.MediaName ?? string.Empty, errorCode: code, errorMsg: message);

    private BusAnswer Reply(BusRequest request, string eventName, string mediaName, string? streamUrl = null,
        string? errorCode = null, string? errorMsg = null, int? maxSeconds = null) =>
        new(request.ServerId!, new BusReply(KazooEvents.MediaCategory, eventName, identity.AppName, identity.AppVersion,
            identity.ServerId, request.MsgId, mediaName, streamUrl, errorCode, errorMsg, maxSeconds));
}
