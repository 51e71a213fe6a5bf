using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaOrleans.Fuzz;

/// <summary>
/// The silo under test and what the campaign prepared on it: a control item with a signed
/// playback URL and its expected bytes, an MP3 item with a SHOUT URL, and recordings to source.
/// </summary>
public sealed class Target : IDisposable
{
    /// <summary>Where the control items live: nothing the campaign sends writes under this prefix.</summary>
    public const string ControlPrefix = "fuzz-control/";

    /// <summary>The control item, read after every batch.</summary>
    public const string ControlName = ControlPrefix + "tone";

    private Target(FuzzSettings settings, HttpClient http)
    {
        Settings = settings;
        Http = http;
    }

    public FuzzSettings Settings { get; }

    public HttpClient Http { get; }

    /// <summary>Path and query of the control item's signed HTTP playback URL.</summary>
    public string ControlPath { get; private set; } = string.Empty;

    /// <summary>The bytes the control URL must answer, exactly.</summary>
    public byte[] ControlBytes { get; private set; } = [];

    /// <summary>Path and query of a stored MP3's SHOUT playback URL.</summary>
    public string ShoutPlaybackPath { get; private set; } = string.Empty;

    /// <summary>Recordings allocated for the SHOUT family: mount path, user, password.</summary>
    public IReadOnlyList<(string Mount, string User, string Password)> Recordings { get; private set; } = [];

    /// <summary>The <c>Authorization</c> header line to send on admin requests, or empty.</summary>
    public string AuthorizationLine => Settings.ApiKey is { Length: > 0 } key ? $"Authorization: Bearer {key}\r\n" : string.Empty;

    /// <summary>Prepares the silo: uploads the control and an MP3, takes their URLs, allocates recordings.</summary>
    public static async Task<Target> PrepareAsync(FuzzSettings settings, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        if (settings.ApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var target = new Target(settings, http);
        await target.UploadAsync(ControlName, Samples.ToneWav(), "audio/wav", cancellationToken);
        target.ControlPath = PathOf(await target.StreamUrlAsync(new { mediaName = ControlName, protocol = "http" }, cancellationToken));
        target.ControlBytes = await http.GetByteArrayAsync(new Uri(target.ControlPath, UriKind.Relative), cancellationToken);
        await target.UploadAsync(ControlPrefix + "silence", Samples.SilentMp3(), "audio/mpeg", cancellationToken);
        target.ShoutPlaybackPath = PathOf(await target.StreamUrlAsync(new { mediaName = ControlPrefix + "silence", protocol = "shout" }, cancellationToken));

        var recordings = new List<(string, string, string)>();
        for (var i = 0; i < 16; i++)
        {
            using var response = await http.PostAsJsonAsync("api/recordings", new { name = $"fuzz/rec-{settings.Seed}-{i}", maxSeconds = 5 }, cancellationToken);
            response.EnsureSuccessStatusCode();
            var url = new Uri((await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("url").GetString()!);
            var credentials = url.UserInfo.Split(':');
            recordings.Add((url.AbsolutePath, Uri.UnescapeDataString(credentials[0]), Uri.UnescapeDataString(credentials[1])));
        }

        target.Recordings = recordings;
        return target;
    }

    /// <summary>Whether the control URL still answers exactly the expected bytes; the reason when not.</summary>
    public async Task<string?> CheckControlAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Settings.Deadline);
            var bytes = await Http.GetByteArrayAsync(new Uri(ControlPath, UriKind.Relative), timeout.Token);
            if (!bytes.AsSpan().SequenceEqual(ControlBytes))
            {
                return $"control playback answered {bytes.Length} bytes that differ from the {ControlBytes.Length} expected";
            }

            using var health = await Http.GetAsync(new Uri("api/health", UriKind.Relative), timeout.Token);
            return health.IsSuccessStatusCode ? null : $"health answered {(int)health.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return $"control playback failed: {ex.Message}";
        }
    }

    public void Dispose() => Http.Dispose();

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private async Task UploadAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await Http.PutAsync(new Uri("api/media/" + name, UriKind.Relative), body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<string> StreamUrlAsync(object request, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("api/streams", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("url").GetString()!;
    }
}
