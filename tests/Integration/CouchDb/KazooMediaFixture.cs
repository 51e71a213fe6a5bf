using System.Text.Json.Nodes;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>The silo and pouchdb of <see cref="CouchDbSiloFixture"/>, with the documents Kazoo would hold written straight into pouchdb.</summary>
public sealed class KazooMediaFixture : CouchDbSiloFixture
{
    /// <summary>A Kazoo account id (32 hex digits).</summary>
    public const string AccountId = "4a1b2c3d4e5f60718293a4b5c6d7e8f9";

    /// <summary>Each attachment's bytes by a short key.</summary>
    public Dictionary<string, byte[]> Items { get; private set; } = [];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Items = await WriteDocumentsAsync();
    }

    private async Task<Dictionary<string, byte[]>> WriteDocumentsAsync()
    {
        var couch = Couch;
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        var other = await File.ReadAllBytesAsync(await AudioFiles.Other8kMp3Async());
        var items = new Dictionary<string, byte[]>
        {
            ["vm-enter_pass"] = wav,
            ["first"] = Variant(wav, 1),
            ["second"] = Variant(wav, 2),
            ["greeting"] = mp3,
            ["welcome"] = Variant(wav, 3),
            ["typed-by-doc"] = other,
        };

        await couch.PutAttachmentAsync("system_media", "vm-enter_pass", "vm-enter_pass.wav", null, items["vm-enter_pass"], "audio/wav");
        var rev = await couch.PutAttachmentAsync("system_media", "two-prompts", "first.wav", null, items["first"], "audio/x-wav");
        await couch.PutAttachmentAsync("system_media", "two-prompts", "second.wav", rev, items["second"], "audio/wav");

        var account = $"account/{AccountId[..2]}/{AccountId[2..4]}/{AccountId[4..]}";
        await couch.CreateDatabaseAsync(account);
        await couch.PutAttachmentAsync(account, "greeting", "greeting.mp3", null, items["greeting"], "audio/mpeg");

        await couch.CreateDatabaseAsync("custom_prompts");
        await couch.PutAttachmentAsync("custom_prompts", "welcome", "welcome.wav", null, items["welcome"], "audio/wav");

        var typed = await couch.PutDocumentAsync("system_media", "typed-by-doc", new JsonObject { ["content_type"] = "audio/mpeg" });
        await couch.PutAttachmentAsync("system_media", "typed-by-doc", "prompt", typed, items["typed-by-doc"], "application/octet-stream");

        await couch.PutDocumentAsync("system_media", "tts-only", new JsonObject { ["streamable"] = false, ["content_type"] = "audio/mpeg" });
        return items;
    }

    // The same audio with one sample changed, so each document's bytes are its own.
    private static byte[] Variant(byte[] wav, byte marker)
    {
        var copy = wav.ToArray();
        copy[^1] ^= marker;
        return copy;
    }
}
