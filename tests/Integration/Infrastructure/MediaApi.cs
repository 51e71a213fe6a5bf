using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A thin client of the silo's admin API, answering raw JSON so tests see the wire; sends
/// <paramref name="apiKey"/> as a Bearer token when given.
/// </summary>
public sealed class MediaApi(Uri baseAddress, string? apiKey = null) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, apiKey);

    /// <summary>PUT /api/media/{name}.</summary>
    public async Task<(int Status, JsonElement Body)> UploadAsync(string name, byte[] content, string contentType)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await _http.PutAsync(new Uri("api/media/" + name, UriKind.Relative), body);
        return await ReadAsync(response);
    }

    /// <summary>GET <paramref name="path"/> (relative to the API's base address).</summary>
    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>GET /api/media/{name}.</summary>
    public async Task<(int Status, JsonElement Body)> GetMediaAsync(string name)
    {
        using var response = await _http.GetAsync(new Uri("api/media/" + name, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>DELETE /api/media/{name}.</summary>
    public async Task<(int Status, JsonElement Body)> DeleteMediaAsync(string name)
    {
        using var response = await _http.DeleteAsync(new Uri("api/media/" + name, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>POST /api/streams with <paramref name="request"/> as JSON.</summary>
    public Task<(int Status, JsonElement Body)> StreamAsync(object request) => PostAsync("api/streams", request);

    /// <summary>POST /api/streams for <paramref name="mediaName"/>, asserting success; the URL.</summary>
    public async Task<string> StreamUrlAsync(string mediaName, string? protocol = null)
    {
        var (status, body) = await StreamAsync(new { mediaName, protocol });
        Assert.True(status == 200, $"POST /api/streams answered {status}: {body}");
        return body.GetProperty("url").GetString()!;
    }

    /// <summary>POST /api/recordings.</summary>
    public Task<(int Status, JsonElement Body)> AllocateRecordingAsync(object? request = null) =>
        PostAsync("api/recordings", request);

    /// <summary>GET /api/recordings/{name}.</summary>
    public async Task<(int Status, JsonElement Body)> GetRecordingAsync(string name)
    {
        using var response = await _http.GetAsync(new Uri("api/recordings/" + name, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>
    /// Polls GET /api/recordings/{name} (30 s at most) until the recording is in <paramref name="state"/>;
    /// its body then. A timeout fails with the last body and <paramref name="output"/> (the silo's log).
    /// </summary>
    public async Task<JsonElement> WaitForRecordingStateAsync(string name, string state, Func<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, recording) = await GetRecordingAsync(name);
            if (recording.GetProperty("state").GetString() == state)
            {
                return recording;
            }

            Assert.True(DateTime.UtcNow < deadline, $"recording {name} is {recording}, not {state}\n{output()}");
            await Task.Delay(50);
        }
    }

    /// <summary>POST /api/recordings/{name}/store.</summary>
    public Task<(int Status, JsonElement Body)> StoreRecordingAsync(string name, string mediaName) =>
        PostAsync($"api/recordings/{name}/store", new { mediaName });

    /// <summary>POST a JSON body (or an empty one, still typed application/json) to <paramref name="path"/>.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object? request)
    {
        using var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = request is null
            ? await _http.PostAsync(new Uri(path, UriKind.Relative), empty)
            : await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), request);
        return await ReadAsync(response);
    }

    /// <summary>Sends <paramref name="request"/> as it is; the status, the response headers and the JSON body.</summary>
    public async Task<(int Status, HttpResponseHeaders Headers, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var (status, body) = await ReadAsync(response);
        return (status, response.Headers, body);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri baseAddress, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

    private static async Task<(int, JsonElement)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }
}
