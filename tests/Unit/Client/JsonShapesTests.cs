using System.Text.Json;
using MediaOrleans.Cli.Output;
using MediaOrleans.Client.Cluster;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Client;

/// <summary>The documented --json shapes: key names, value forms, nulls written, one line per document.</summary>
public sealed class JsonShapesTests
{
    private static readonly DateTimeOffset Started = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Media_HasTheAdminApiKeys()
    {
        var info = new MediaInfo("vm/1/msg", "v1", "audio/mpeg", 6336, Started, new AudioFormat("mp3", 8000, 1, 3168, 16000));

        var json = Write(MediaJson.From(info), CliJsonContext.Output.MediaJson);

        Assert.Equal(
            """{"name":"vm/1/msg","version":"v1","contentType":"audio/mpeg","length":6336,"lastModified":"2025-03-04T05:06:07+00:00","codec":"mp3","sampleRate":8000,"channels":1,"durationMs":3168,"bitrate":16000}""",
            json);
    }

    [Fact]
    public void Recording_StateIsLowerCase_AndUnknownValuesAreNull()
    {
        var receiving = new RecordingStatus("calls/1", RecordingState.Receiving, 4096, 60, Started, null, null, null, 2000);

        var json = Write(RecordingJson.From(receiving), CliJsonContext.Output.RecordingJson);

        Assert.Equal(
            """{"name":"calls/1","state":"receiving","bytes":4096,"durationMs":2000,"trailingSilenceMs":null,"maxSeconds":60,"startedAt":"2025-03-04T05:06:07+00:00","endedAt":null,"stoppedReason":null,"storedAs":null}""",
            json);
    }

    [Fact]
    public void Lists_WrapTheirItems()
    {
        var status = new RecordingStatus("calls/1", RecordingState.Stored, 1, 60, Started, Started, "closed", "vm/1", 72, 0);

        var media = Write(new MediaListJson(["a", "b/c"]), CliJsonContext.Output.MediaListJson);
        var recordings = JsonDocument.Parse(Write(new RecordingListJson([RecordingJson.From(status)]), CliJsonContext.Output.RecordingListJson));

        Assert.Equal("""{"items":["a","b/c"]}""", media);
        var item = Assert.Single(recordings.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("stored", item.GetProperty("state").GetString());
        Assert.Equal("vm/1", item.GetProperty("storedAs").GetString());
    }

    [Fact]
    public void Import_ListsImportedAndFailed()
    {
        var json = Write(new ImportJson(
            [new ImportedJson("/t/a.wav", "p/a", "v1", "audio/wav", 44, 0)],
            [new ImportFailureJson("/t/b.wav", null, "invalid_name", "'b' gives no name")]), CliJsonContext.Output.ImportJson);

        Assert.Equal(
            """{"imported":[{"file":"/t/a.wav","name":"p/a","version":"v1","contentType":"audio/wav","length":44,"durationMs":0}],"failed":[{"file":"/t/b.wav","name":null,"error":"invalid_name","message":"'b' gives no name"}]}""",
            json);
    }

    [Fact]
    public void Cluster_SiloWithoutStatistics_HasNullLoad()
    {
        var silo = new SiloLoad("S127.0.0.1:11111:1", "silo-a", "host-a", "dead", Started, null, null, null, null, null);

        var json = Write(new ClusterJson([SiloJson.From(silo)]), CliJsonContext.Output.ClusterJson);

        Assert.Equal(
            """{"silos":[{"address":"S127.0.0.1:11111:1","name":"silo-a","hostName":"host-a","status":"dead","startedAt":"2025-03-04T05:06:07+00:00","activations":null,"cpuUsagePercent":null,"memoryUsageBytes":null,"clients":null,"overloaded":null}]}""",
            json);
    }

    [Fact]
    public void SmallDocuments_HaveTheirDocumentedKeys()
    {
        Assert.Equal("""{"url":"http://h/m/v/1/s/a.wav","name":"a","version":"v","contentType":"audio/wav"}""",
            Write(new UrlJson("http://h/m/v/1/s/a.wav", "a", "v", "audio/wav"), CliJsonContext.Output.UrlJson));
        Assert.Equal("""{"name":"rec-1","url":"shout://u:p@h:24518/rec/rec-1.mp3","maxSeconds":120}""",
            Write(new TicketJson("rec-1", "shout://u:p@h:24518/rec/rec-1.mp3", 120), CliJsonContext.Output.TicketJson));
        Assert.Equal("""{"name":"a","deleted":true}""", Write(new DeletedJson("a", true), CliJsonContext.Output.DeletedJson));
        Assert.Equal("""{"error":"not_found","message":"media 'a' does not exist"}""",
            Write(new ErrorJson("not_found", "media 'a' does not exist"), CliJsonContext.Output.ErrorJson));
    }

    private static string Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var output = new StringWriter();
        new CommandOutput(output, TextWriter.Null, json: true, outputIsTerminal: false, errorIsTerminal: false).WriteJson(value, type);
        var text = output.ToString();
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.TrimEnd());
        return text.TrimEnd();
    }
}
