using System.Text.Json.Nodes;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Storage.CouchDb;

namespace MediaOrleans.Tests.Storage;

public sealed class CouchMediaDocumentTests
{
    private const long MaxBytes = 1024 * 1024;
    private static readonly AudioFormat Pcm8k = new("pcm", 8000, 1, 1000, 128_000);

    [Fact]
    public void Describe_NoAttachmentNamed_UsesTheFirstAndTheDocumentsContentType()
    {
        var doc = Doc("""{"_rev":"1-aa","content_type":"audio/mp3","_attachments":{"a.bin":{"content_type":"application/octet-stream","digest":"md5-A","length":10},"b.wav":{"content_type":"audio/wav","digest":"md5-B","length":20}}}""");

        var item = CouchMediaDocument.Describe("db/doc", doc, null, MaxBytes)!;

        Assert.Equal("a.bin", item.Attachment);
        Assert.Equal("audio/mpeg", item.Info.ContentType);
        Assert.Equal(10, item.Info.Length);
        Assert.True(item.Info.Streamable);
        Assert.False(item.Info.Audio.IsKnown);
        Assert.Equal("1-aa", CouchVersion.RevisionOf(item.Info.Version));
    }

    [Fact]
    public void Describe_NamedAttachment_UsesItsOwnContentTypeWhenTheDocumentHasNone()
    {
        var doc = Doc("""{"_rev":"1-aa","_attachments":{"a.bin":{"content_type":"application/octet-stream","digest":"md5-A","length":10},"b.wav":{"content_type":"audio/x-wav","digest":"md5-B","length":20}}}""");

        var item = CouchMediaDocument.Describe("db/doc/b.wav", doc, "b.wav", MaxBytes)!;

        Assert.Equal("audio/wav", item.Info.ContentType);
        Assert.Equal(20, item.Info.Length);
        Assert.Null(CouchMediaDocument.Describe("db/doc/c.wav", doc, "c.wav", MaxBytes));
    }

    [Theory]
    [InlineData("""{"_rev":"1-aa","streamable":false,"_attachments":{"a.wav":{"content_type":"audio/wav","digest":"md5-A","length":10}}}""")]
    [InlineData("""{"_rev":"1-aa","content_type":"audio/mpeg"}""")]
    [InlineData("""{"_rev":"1-aa","_attachments":{"a.ogg":{"content_type":"audio/ogg","digest":"md5-A","length":10}}}""")]
    [InlineData("""{"_rev":"1-aa","_attachments":{"a.wav":{"content_type":"audio/wav","digest":"md5-A","length":2000000}}}""")]
    public void Describe_NothingPlayable_ExistsButIsNotStreamable(string json)
    {
        var item = CouchMediaDocument.Describe("db/doc", Doc(json), null, MaxBytes)!;

        Assert.False(item.Info.Streamable);
    }

    [Fact]
    public void WithMetadata_KeepsFieldsAndStubs_AndDescribeReadsTheAudioBack()
    {
        var doc = Doc("""{"_id":"doc","_rev":"1-aa","name":"Greeting","_attachments":{"g.wav":{"content_type":"audio/wav","digest":"md5-OLD","length":10,"stub":true}}}""");
        var now = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

        var updated = CouchMediaDocument.WithMetadata(doc, "doc", "g.wav", "md5-NEW", "audio/wav", Pcm8k, now);
        updated["_rev"] = "2-bb";
        ((JsonObject)updated["_attachments"]!["g.wav"]!)["digest"] = "md5-NEW";

        Assert.Equal("Greeting", updated["name"]!.GetValue<string>());
        Assert.True(updated["_attachments"]!["g.wav"]!["stub"]!.GetValue<bool>());
        Assert.True(CouchMediaDocument.HasMetadata(updated, "g.wav", "md5-NEW", "audio/wav", Pcm8k));
        var info = CouchMediaDocument.Describe("db/doc", updated, null, MaxBytes)!.Info;
        Assert.Equal(Pcm8k, info.Audio);
        Assert.Equal(now, info.LastModified);
    }

    [Fact]
    public void Describe_AttachmentReplacedBySomeoneElse_ForgetsTheStaleAudio()
    {
        var doc = CouchMediaDocument.WithMetadata(null, "doc", "g.wav", "md5-OURS", "audio/wav", Pcm8k, DateTimeOffset.UnixEpoch);
        doc["_rev"] = "3-cc";
        doc["_attachments"] = JsonNode.Parse("""{"g.wav":{"content_type":"audio/wav","digest":"md5-THEIRS","length":10,"stub":true}}""");

        var info = CouchMediaDocument.Describe("db/doc", doc, null, MaxBytes)!.Info;

        Assert.Equal(AudioFormat.Unknown, info.Audio);
        Assert.False(CouchMediaDocument.HasMetadata(doc, "g.wav", "md5-THEIRS", "audio/wav", Pcm8k));
    }

    [Fact]
    public void Describe_KazooModifiedTime_IsGregorianSeconds()
    {
        var doc = Doc("""{"_rev":"1-aa","pvt_modified":63880000000,"_attachments":{"a.wav":{"content_type":"audio/wav","digest":"md5-A","length":10}}}""");

        var info = CouchMediaDocument.Describe("db/doc", doc, null, MaxBytes)!.Info;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(63_880_000_000 - 62_167_219_200), info.LastModified);
    }

    [Theory]
    [InlineData("greeting", "audio/wav", "greeting.wav")]
    [InlineData("greeting", "audio/mpeg", "greeting.mp3")]
    [InlineData("greeting.mp3", "audio/mpeg", "greeting.mp3")]
    public void DefaultAttachment_IsTheDocumentIdWithTheExtension(string document, string contentType, string expected)
    {
        Assert.Equal(expected, CouchMediaDocument.DefaultAttachment(document, contentType));
    }

    private static JsonObject Doc(string json) => JsonNode.Parse(json)!.AsObject();
}
