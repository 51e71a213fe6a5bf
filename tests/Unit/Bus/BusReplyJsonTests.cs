using System.Text.Json;
using MediaOrleans.Silo.Bus;

namespace MediaOrleans.Tests.Bus;

/// <summary>The exact JSON Kazoo callers receive: field names, spelling and which fields appear.</summary>
public sealed class BusReplyJsonTests
{
    private static string Json(BusReply reply) => JsonSerializer.Serialize(reply, BusJsonContext.Replies.BusReply);

    [Fact]
    public void MediaResp_HasKazooFieldNamesAndNoErrorFields()
    {
        var reply = new BusReply("media", "media_resp", "mediaorleans", "1.0.0", "silo-1", "m-1", "/system_media/x",
            StreamUrl: "http://h:1/m/v/1/s/system_media/x.wav");

        Assert.Equal(
            """{"Event-Category":"media","Event-Name":"media_resp","App-Name":"mediaorleans","App-Version":"1.0.0","Server-ID":"silo-1","Msg-ID":"m-1","Media-Name":"/system_media/x","Stream-URL":"http://h:1/m/v/1/s/system_media/x.wav"}""",
            Json(reply));
    }

    [Fact]
    public void MediaError_HasErrorCodeAndMessageAndNoUrl()
    {
        var reply = new BusReply("media", "media_error", "mediaorleans", "1.0.0", "silo-1", "m-2", "x",
            ErrorCode: "not_found", ErrorMsg: "no media named 'x'");

        Assert.Equal(
            """{"Event-Category":"media","Event-Name":"media_error","App-Name":"mediaorleans","App-Version":"1.0.0","Server-ID":"silo-1","Msg-ID":"m-2","Media-Name":"x","Error-Code":"not_found","Error-Msg":"no media named 'x'"}""",
            Json(reply));
    }

    [Fact]
    public void RecordResp_CarriesMaxSecondsAsANumber()
    {
        var reply = new BusReply("media", "record_resp", "mediaorleans", "1.0.0", "silo-1", "m-3", "rec-1",
            StreamUrl: "shout://u:p@h:2/rec/rec-1.mp3", MaxSeconds: 120);

        Assert.Equal(
            """{"Event-Category":"media","Event-Name":"record_resp","App-Name":"mediaorleans","App-Version":"1.0.0","Server-ID":"silo-1","Msg-ID":"m-3","Media-Name":"rec-1","Stream-URL":"shout://u:p@h:2/rec/rec-1.mp3","Max-Seconds":120}""",
            Json(reply));
    }

    [Fact]
    public void Reply_WithoutMsgId_LeavesItOut()
    {
        var reply = new BusReply("media", "media_error", "mediaorleans", "1.0.0", "silo-1", null, string.Empty, ErrorCode: "other", ErrorMsg: "e");

        Assert.DoesNotContain("Msg-ID", Json(reply), StringComparison.Ordinal);
        Assert.Contains("\"Media-Name\":\"\"", Json(reply), StringComparison.Ordinal);
    }
}
