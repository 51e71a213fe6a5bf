using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MediaOrleans.Soak.Load;

/// <summary>The silo HTTP API as the load uses it, every call bounded by the request timeout.</summary>
public sealed class SoakApi : IDisposable
{
    private readonly HttpClient _http;

    public SoakApi(TimeSpan timeout) => _http = new HttpClient { Timeout = timeout };

    /// <summary>Allocates a recording; its shout:// source URL.</summary>
    public async Task<string> AllocateRecordingAsync(Uri silo, string name, int maxSeconds, CancellationToken cancel)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(silo, "api/recordings"), new { name, maxSeconds }, cancel);
        var body = await Success(response, cancel);
        return body["url"]!.GetValue<string>();
    }

    /// <summary>Stores a recording as media: the HTTP status, and the error code of a failure.</summary>
    public async Task<(HttpStatusCode Status, string? Error)> StoreAsync(Uri silo, string recording, string mediaName, CancellationToken cancel)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(silo, $"api/recordings/{recording}/store"), new { mediaName }, cancel);
        if (response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null);
        }

        var text = await response.Content.ReadAsStringAsync(cancel);
        return (response.StatusCode, TryError(text));
    }

    /// <summary>Uploads a media item.</summary>
    public async Task PutMediaAsync(Uri silo, string name, byte[] bytes, string contentType, CancellationToken cancel)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await _http.PutAsync(new Uri(silo, $"api/media/{name}"), content, cancel);
        await Success(response, cancel);
    }

    /// <summary>A playback URL (shout:// answered as http:// on the SHOUT port).</summary>
    public async Task<Uri> StreamUrlAsync(Uri silo, object request, CancellationToken cancel)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(silo, "api/streams"), request, cancel);
        var url = (await Success(response, cancel))["url"]!.GetValue<string>();
        return new Uri(url.StartsWith("shout://", StringComparison.Ordinal) ? "http://" + url["shout://".Length..] : url);
    }

    /// <summary>The whole body of a GET, or an exception for a failure status.</summary>
    public async Task<byte[]> GetBytesAsync(Uri url, CancellationToken cancel)
    {
        using var response = await _http.GetAsync(url, cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url.AbsolutePath}: {(int)response.StatusCode}", null, response.StatusCode);
        }

        return await response.Content.ReadAsByteArrayAsync(cancel);
    }

    /// <summary>What a GET returns within <paramref name="length"/> (a continuous stream never ends by itself).</summary>
    public static async Task<byte[]> ReadForAsync(Uri url, TimeSpan length, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = length + TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(length);
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, window.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // The listening time is over.
        }

        return received.ToArray();
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode> Success(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}",
                null, response.StatusCode);
        }

        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private static string? TryError(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["error"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
