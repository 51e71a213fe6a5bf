using System.Text.Json;
using System.Text.Json.Serialization;
using MediaOrleans.Client.Cluster;
using MediaOrleans.Interfaces;

// The documented --json shapes, kept together so they can be read against the README's table at
// a glance. Every key is always present (null when unknown), so scripts can rely on the shape.
namespace MediaOrleans.Cli.Output;

/// <summary>A media item, as <c>info</c>, <c>store</c> and the admin API describe it.</summary>
internal sealed record MediaJson(
    string Name, string Version, string ContentType, long Length, DateTimeOffset LastModified,
    string Codec, int SampleRate, int Channels, long DurationMs, int Bitrate)
{
    public static MediaJson From(MediaInfo info) => new(info.Name, info.Version, info.ContentType, info.Length, info.LastModified,
        info.Audio.Codec, info.Audio.SampleRate, info.Audio.Channels, info.Audio.DurationMs, info.Audio.Bitrate);
}

/// <summary><c>ls</c>: media names in ordinal order.</summary>
internal sealed record MediaListJson(IReadOnlyList<string> Items);

/// <summary><c>url</c>: a playback URL and the version it plays.</summary>
internal sealed record UrlJson(string Url, string Name, string Version, string ContentType);

/// <summary><c>record</c>: a new recording and the URL its source records to.</summary>
internal sealed record TicketJson(string Name, string Url, int MaxSeconds);

/// <summary>A recording, as <c>recordings</c>, <c>recordings show</c>, <c>recordings follow</c> and <c>push</c> describe it.</summary>
internal sealed record RecordingJson(
    string Name, string State, long Bytes, long DurationMs, long? TrailingSilenceMs, int MaxSeconds,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? StoppedReason, string? StoredAs)
{
    public static RecordingJson From(RecordingStatus status) => new(status.Name, StateName(status.State), status.Bytes,
        status.DurationMs, status.TrailingSilenceMs, status.MaxSeconds, status.StartedAt, status.EndedAt, status.StoppedReason,
        status.StoredAs);

    public static string StateName(RecordingState state) => state.ToString().ToLowerInvariant();
}

/// <summary><c>recordings</c>: recordings in ordinal order.</summary>
internal sealed record RecordingListJson(IReadOnlyList<RecordingJson> Items);

/// <summary><c>rm</c>: the item is gone.</summary>
internal sealed record DeletedJson(string Name, bool Deleted);

/// <summary><c>import</c>: what went in and what did not.</summary>
internal sealed record ImportJson(IReadOnlyList<ImportedJson> Imported, IReadOnlyList<ImportFailureJson> Failed);

/// <summary>One imported file.</summary>
internal sealed record ImportedJson(string File, string Name, string Version, string ContentType, long Length, long DurationMs);

/// <summary>One file that was not imported; <c>name</c> is null when none could be made from its path.</summary>
internal sealed record ImportFailureJson(string File, string? Name, string Error, string Message);

/// <summary><c>cluster</c>: the silos and their load.</summary>
internal sealed record ClusterJson(IReadOnlyList<SiloJson> Silos);

/// <summary>One silo; the load fields are null for a silo that is not active.</summary>
internal sealed record SiloJson(
    string Address, string Name, string HostName, string Status, DateTimeOffset StartedAt, int? Activations,
    float? CpuUsagePercent, long? MemoryUsageBytes, long? Clients, bool? Overloaded)
{
    public static SiloJson From(SiloLoad silo) => new(silo.Address, silo.Name, silo.HostName, silo.Status, silo.StartedAt,
        silo.Activations, silo.CpuUsagePercent, silo.MemoryUsageBytes, silo.Clients, silo.Overloaded);
}

/// <summary>Any failure: a stable code and a message for people.</summary>
internal sealed record ErrorJson(string Error, string Message);

/// <summary>Source-generated serialization of every shape: camelCase keys, nulls written, one line per document.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MediaJson))]
[JsonSerializable(typeof(MediaListJson))]
[JsonSerializable(typeof(UrlJson))]
[JsonSerializable(typeof(TicketJson))]
[JsonSerializable(typeof(RecordingJson))]
[JsonSerializable(typeof(RecordingListJson))]
[JsonSerializable(typeof(DeletedJson))]
[JsonSerializable(typeof(ImportJson))]
[JsonSerializable(typeof(ClusterJson))]
[JsonSerializable(typeof(ErrorJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context mediactl writes with: the web defaults, every key written even when null, and
    /// quotes and apostrophes in messages left readable (the output is never embedded in HTML).
    /// </summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
