using System.Text;
using CsCheck;
using MediaOrleans.Silo.Bus;

namespace MediaOrleans.Tests.Bus;

public sealed class BusRequestParserTests
{
    private const string MediaReq =
        """{"Event-Category":"media","Event-Name":"media_req","App-Name":"callflow","App-Version":"4.3.0","Msg-ID":"m-1","Server-ID":"targeted/q-1","Media-Name":"/system_media/vm-enter_pass","Stream-Type":"new","Call-ID":"c-1","Protocol":"shout","Format":"mp3","Rate":16000,"Custom":{"a":[1,2]}}""";

    private static BusRequest Parse(string json) => BusRequestParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_KazooMediaReq_ReadsEveryField()
    {
        var request = Parse(MediaReq);

        Assert.Equal(new BusRequest(BusRequestKind.Media, "targeted/q-1", "m-1", "/system_media/vm-enter_pass", "shout", "new", "mp3", 16000,
            CallId: "c-1"), request);
        Assert.True(request.Answerable);
    }

    [Fact]
    public void Parse_RecordReq_ReadsNameAndMaxSeconds()
    {
        var request = Parse("""{"Event-Category":"media","Event-Name":"record_req","Server-ID":"s","Msg-ID":"m","Media-Name":"vm/1/msg","Max-Seconds":120}""");

        Assert.Equal(BusRequestKind.Record, request.Kind);
        Assert.Equal("vm/1/msg", request.MediaName);
        Assert.Equal(120, request.MaxSeconds);
        Assert.Null(request.Problem);
    }

    [Fact]
    public void Parse_RecordReqWithoutName_IsValid()
    {
        var request = Parse("""{"Event-Category":"media","Event-Name":"record_req","Server-ID":"s"}""");

        Assert.Equal(BusRequestKind.Record, request.Kind);
        Assert.Null(request.MediaName);
        Assert.Null(request.MaxSeconds);
    }

    [Theory]
    [InlineData("\"120\"", 120)]
    [InlineData("120", 120)]
    [InlineData("-5", -5)]
    public void Parse_IntegerAsNumberOrQuoted_IsRead(string json, int expected)
    {
        Assert.Equal(expected, Parse($$"""{"Event-Category":"media","Event-Name":"record_req","Server-ID":"s","Max-Seconds":{{json}}}""").MaxSeconds);
    }

    [Theory]
    [InlineData("\"two\"", "Max-Seconds must be an integer, not 'two'")]
    [InlineData("1.5", "Max-Seconds must be an integer, not '1.5'")]
    [InlineData("true", "Max-Seconds must be an integer, not a boolean")]
    [InlineData("[]", "Max-Seconds must be an integer, not an array")]
    public void Parse_IntegerOfWrongType_IsInvalid(string json, string problem)
    {
        var request = Parse($$"""{"Event-Category":"media","Event-Name":"record_req","Server-ID":"s","Msg-ID":"m","Max-Seconds":{{json}}}""");

        Assert.Equal(BusRequestKind.Invalid, request.Kind);
        Assert.Equal(problem, request.Problem);
        Assert.Equal(("s", "m"), (request.ServerId, request.MsgId));
    }

    [Theory]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Server-ID":"s","Msg-ID":"m"}""", "Media-Name is missing")]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Server-ID":"s","Msg-ID":"m","Media-Name":""}""", "Media-Name is missing")]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Server-ID":"s","Msg-ID":"m","Media-Name":42}""", "Media-Name must be a string, not a number")]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Server-ID":"s","Msg-ID":"m","Media-Name":"x","Protocol":{"a":1}}""", "Protocol must be a string, not an object")]
    [InlineData("""{"Event-Name":"media_req","Server-ID":"s","Msg-ID":"m","Media-Name":"x"}""", "Event-Category is missing (expected 'media')")]
    [InlineData("""{"Event-Category":"call_event","Event-Name":"media_req","Server-ID":"s","Msg-ID":"m","Media-Name":"x"}""", "Event-Category 'call_event' is not served (expected 'media')")]
    [InlineData("""{"Event-Category":"media","Server-ID":"s","Msg-ID":"m","Media-Name":"x"}""", "Event-Name is missing (expected 'media_req' or 'record_req')")]
    [InlineData("""{"Event-Category":"media","Event-Name":"tts_req","Server-ID":"s","Msg-ID":"m","Media-Name":"x"}""", "Event-Name 'tts_req' is not served (expected 'media_req' or 'record_req')")]
    public void Parse_MissingOrWrongFields_IsInvalidButAnswerable(string json, string problem)
    {
        var request = Parse(json);

        Assert.Equal(BusRequestKind.Invalid, request.Kind);
        Assert.Equal(problem, request.Problem);
        Assert.Equal(("s", "m"), (request.ServerId, request.MsgId));
        Assert.True(request.Answerable);
    }

    [Fact]
    public void Parse_TruncatedJson_KeepsServerIdAndMsgIdReadBeforeTheBreak()
    {
        var request = Parse("""{"Server-ID":"q-7","Msg-ID":"m-7","Event-Category":"media","Media-Name":""");

        Assert.Equal(BusRequestKind.Invalid, request.Kind);
        Assert.StartsWith("the body is not valid JSON", request.Problem, StringComparison.Ordinal);
        Assert.Equal(("q-7", "m-7"), (request.ServerId, request.MsgId));
    }

    [Theory]
    [InlineData("", "the body is not valid JSON")]
    [InlineData("not json", "the body is not valid JSON")]
    [InlineData("""{"Server-ID":"s"} trailing""", "the body is not valid JSON")]
    [InlineData("""["Server-ID","s"]""", "the body is not a JSON object")]
    [InlineData("42", "the body is not a JSON object")]
    public void Parse_NotAJsonObject_IsInvalid(string body, string problemStart)
    {
        var request = Parse(body);

        Assert.Equal(BusRequestKind.Invalid, request.Kind);
        Assert.StartsWith(problemStart, request.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8InAString_IsInvalidNotAnException()
    {
        byte[] body = [.. "{\"Server-ID\":\"s\",\"Media-Name\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var request = BusRequestParser.Parse(body);

        Assert.Equal(BusRequestKind.Invalid, request.Kind);
        Assert.NotNull(request.Problem);
    }

    [Theory]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Media-Name":"x","Msg-ID":"m"}""")]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Media-Name":"x","Server-ID":""}""")]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Media-Name":"x","Server-ID":7}""")]
    [InlineData("""{"Event-Category":"media","Event-Name":"media_req","Media-Name":"x","Server-ID":null}""")]
    public void Parse_NoUsableServerId_IsNotAnswerable(string json)
    {
        Assert.False(Parse(json).Answerable);
    }

    [Fact]
    public void Parse_ServerIdLongerThanARoutingKey_IsNotAnswerable()
    {
        var request = Parse($$"""{"Event-Category":"media","Event-Name":"media_req","Media-Name":"x","Server-ID":"{{new string('q', 256)}}"}""");

        Assert.False(request.Answerable);
    }

    [Fact]
    public void Parse_NullField_CountsAsAbsent()
    {
        var request = Parse("""{"Event-Category":"media","Event-Name":"media_req","Server-ID":"s","Media-Name":"x","Protocol":null,"Rate":null}""");

        Assert.Equal(BusRequestKind.Media, request.Kind);
        Assert.Null(request.Protocol);
        Assert.Null(request.Rate);
    }

    [Fact]
    public void Parse_EscapedStrings_AreUnescaped()
    {
        var request = Parse("""{"Event-Category":"media","Event-Name":"media_req","Server-ID":"a\/b","Media-Name":"\u0073ystem_media/x"}""");

        Assert.Equal("a/b", request.ServerId);
        Assert.Equal("system_media/x", request.MediaName);
    }

    [Fact]
    public void Parse_EveryPrefixOfARequest_NeverThrowsAndKeepsWhatWasComplete()
    {
        var bytes = Encoding.UTF8.GetBytes(MediaReq);
        var serverIdEnd = MediaReq.IndexOf("\"targeted/q-1\"", StringComparison.Ordinal) + "\"targeted/q-1\"".Length;
        for (var length = 0; length < bytes.Length; length++)
        {
            var request = BusRequestParser.Parse(bytes.AsSpan(0, length));

            Assert.Equal(BusRequestKind.Invalid, request.Kind);
            Assert.NotNull(request.Problem);
            // Once the Server-ID's value is complete (and followed by a separator) it is kept.
            if (length > serverIdEnd)
            {
                Assert.Equal("targeted/q-1", request.ServerId);
                Assert.Equal("m-1", request.MsgId);
            }
        }
    }

    [Fact]
    public void Parse_RandomAndMutatedBytes_NeverThrows()
    {
        var template = Encoding.UTF8.GetBytes(MediaReq);
        var mutated = Gen.Select(Gen.Int.Array[1, 6], Gen.Byte.Array[6], Gen.Int[0, 100]).Select((positions, values, keepPercent) =>
        {
            var bytes = (byte[])template.Clone();
            for (var i = 0; i < positions.Length; i++)
            {
                bytes[(int)((uint)positions[i] % (uint)bytes.Length)] = values[i];
            }

            return bytes[..(bytes.Length * keepPercent / 100)];
        });

        Gen.OneOf<byte[]>(Gen.Byte.Array[0, 300], mutated).Sample(bytes =>
        {
            var request = BusRequestParser.Parse(bytes);
            Assert.True(request.Kind == BusRequestKind.Invalid ? request.Problem is not null : request.Problem is null);
        }, iter: 20_000);
    }
}
