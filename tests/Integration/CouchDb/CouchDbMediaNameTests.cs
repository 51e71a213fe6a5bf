using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// Kazoo's media names against documents written straight into pouchdb (as Kazoo writes them):
/// every form resolves to the attachment it names and plays byte-exact.
/// </summary>
public sealed class CouchDbMediaNameTests(KazooMediaFixture fixture) : IClassFixture<KazooMediaFixture>
{
    private const string AccountId = KazooMediaFixture.AccountId;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string> NameForms => new()
    {
        { "vm-enter_pass", "vm-enter_pass" },
        { "system_media/vm-enter_pass", "vm-enter_pass" },
        { "/system_media/vm-enter_pass", "vm-enter_pass" },
        { "system_media/two-prompts", "first" },
        { "system_media/two-prompts/second.wav", "second" },
        { $"{AccountId}/greeting", "greeting" },
        { $"/{AccountId}/greeting", "greeting" },
        { $"{AccountId}/greeting/greeting.mp3", "greeting" },
        { "custom_prompts/welcome", "welcome" },
    };

    [SkippableTheory]
    [MemberData(nameof(NameForms))]
    public async Task MediaName_EveryKazooForm_PlaysTheAttachmentItNames(string mediaName, string expected)
    {
        Requirements.Tools("curl");
        var items = fixture.Items;

        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName });

        Assert.True(status == 200, $"{mediaName}: {status} {stream}\n{fixture.Silo.Output}");
        var url = stream.GetProperty("url").GetString()!;
        var body = await ProcessRunner.BashAsync($"curl -sf '{Http(url)}'", ClientTimeout);
        Assert.Equal(0, body.ExitCode);
        Assert.Equal(items[expected], body.Stdout);
    }

    [SkippableFact]
    public async Task AccountId_IsStoredInKazoosEncodedAccountDatabase()
    {

        var doc = await fixture.Couch.GetDocumentAsync($"account/{AccountId[..2]}/{AccountId[2..4]}/{AccountId[4..]}", "greeting");

        Assert.NotNull(doc);
        var (status, _) = await fixture.Api.GetMediaAsync($"{AccountId}/greeting");
        Assert.Equal(200, status);
    }

    [SkippableFact]
    public async Task DocumentContentType_WinsOverTheAttachments()
    {
        var items = fixture.Items;

        var (status, media) = await fixture.Api.StreamAsync(new { mediaName = "system_media/typed-by-doc" });

        Assert.Equal(200, status);
        Assert.Equal("audio/mpeg", media.GetProperty("contentType").GetString());
        var url = media.GetProperty("url").GetString()!;
        Assert.StartsWith("shout://", url, StringComparison.Ordinal);
        Assert.EndsWith("/system_media/typed-by-doc.mp3", url, StringComparison.Ordinal);
        var body = await ProcessRunner.BashAsync($"curl -sf '{Http(url)}'", ClientTimeout);
        Assert.Equal(items["typed-by-doc"], body.Stdout);
    }

    [SkippableFact]
    public async Task NotStreamableDocument_ExistsButAnswersNoData()
    {

        var (infoStatus, info) = await fixture.Api.GetMediaAsync("system_media/tts-only");
        var (streamStatus, error) = await fixture.Api.StreamAsync(new { mediaName = "system_media/tts-only" });

        Assert.Equal(200, infoStatus);
        Assert.False(info.GetProperty("streamable").GetBoolean());
        Assert.Equal(422, streamStatus);
        Assert.Equal("no_data", error.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task UnknownDocumentDatabaseOrAttachment_AnswersNotFound()
    {

        foreach (var name in new[] { "system_media/no-such-doc", "no_such_db/vm-enter_pass", "system_media/two-prompts/third.wav",
                     "0123456789abcdef0123456789abcdef/greeting" })
        {
            var (status, error) = await fixture.Api.StreamAsync(new { mediaName = name });
            Assert.True(status == 404, $"{name}: {status}");
            Assert.Equal("not_found", error.GetProperty("error").GetString());
        }
    }

    [SkippableFact]
    public async Task SiloOutput_NeverShowsTheStorePassword()
    {
        await fixture.Api.StreamAsync(new { mediaName = "system_media/vm-enter_pass" });

        Assert.DoesNotContain(PouchDbServer.Password, fixture.Silo.Output, StringComparison.Ordinal);
        Assert.Contains($"CouchDB at http://127.0.0.1:{fixture.Couch.Port}", fixture.Silo.Output, StringComparison.Ordinal);
    }

    private static string Http(string url) => url.StartsWith("shout://", StringComparison.Ordinal) ? "http://" + url["shout://".Length..] : url;
}
