using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Access;

/// <summary>
/// Browser sessions on a silo with API keys: the login form's answer, the cookie standing in
/// for the key on the admin API, the admin page and the Orleans dashboard, and what it never does.
/// </summary>
public sealed class SessionCookieTests(KeyedSiloFixture fixture) : IClassFixture<KeyedSiloFixture>, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = fixture.Silo.HttpBase,
    };

    [SkippableFact]
    public async Task Dashboard_Is401WithoutAKey_403ForAReader_And200WithAnAdminSession()
    {
        using var anonymous = await _http.GetAsync("dashboard/");
        var readerCookie = await LogInAsync(KeyedSiloFixture.ReaderKey);
        using var reader = await SendAsync(HttpMethod.Get, "dashboard/", readerCookie);
        var adminCookie = await LogInAsync(KeyedSiloFixture.AdminKey);
        using var admin = await SendAsync(HttpMethod.Get, "dashboard/", adminCookie);
        using var counters = await SendAsync(HttpMethod.Get, "dashboard/DashboardCounters", adminCookie);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Contains("needs role admin", await reader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("Orleans Dashboard", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
    }

    [SkippableFact]
    public async Task Login_SetsAStrictHttpOnlyCookie_ThatNeverHoldsTheKey()
    {
        using var response = await PostJsonAsync("admin/login", new { key = KeyedSiloFixture.WriterKey });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("mediaorleans_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);   // plain HTTP here
        Assert.DoesNotContain(KeyedSiloFixture.WriterKey, setCookie, StringComparison.Ordinal);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("voicemail", body.GetProperty("name").GetString());
        Assert.Equal("writer", body.GetProperty("role").GetString());
    }

    [SkippableFact]
    public async Task Session_ActsWithItsKeysRole_OnTheAdminApi()
    {
        var writer = await LogInAsync(KeyedSiloFixture.WriterKey);
        var reader = await LogInAsync(KeyedSiloFixture.ReaderKey);

        using var allocated = await SendAsync(HttpMethod.Post, "api/recordings", writer, "{}");
        using var refused = await SendAsync(HttpMethod.Post, "api/recordings", reader, "{}");
        using var listed = await SendAsync(HttpMethod.Get, "api/media", reader);

        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [SkippableFact]
    public async Task TamperedOrForeignCookies_AreRefused()
    {
        var reader = await LogInAsync(KeyedSiloFixture.ReaderKey);
        var parts = reader.Split('=', 2)[1].Split('.');
        var promoted = $"mediaorleans_session={parts[0]}.admin.{parts[2]}.{parts[3]}";
        var renamed = $"mediaorleans_session={Convert.ToBase64String(Encoding.UTF8.GetBytes("ops")).TrimEnd('=')}.reader.{parts[2]}.{parts[3]}";
        var longer = $"mediaorleans_session={parts[0]}.reader.{long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[3]}";

        foreach (var cookie in new[] { promoted, renamed, longer, "mediaorleans_session=garbage", "mediaorleans_session=" + KeyedSiloFixture.AdminKey })
        {
            using var response = await SendAsync(HttpMethod.Get, "api/media", cookie);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{cookie} answered {response.StatusCode}");
        }
    }

    [SkippableFact]
    public async Task SessionRequestsThatChangeSomething_MustComeFromThisOrigin()
    {
        var writer = await LogInAsync(KeyedSiloFixture.WriterKey);

        using var foreign = await SendAsync(HttpMethod.Post, "api/recordings", writer, "{}", origin: "http://127.0.0.1:1");
        using var own = await SendAsync(HttpMethod.Post, "api/recordings", writer, "{}",
            origin: fixture.Silo.HttpBase.GetLeftPart(UriPartial.Authority));
        // A Bearer key is not a browser's ambient credential: Origin does not matter to it.
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "api/recordings") { Content = Json("{}") };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedSiloFixture.WriterKey);
        bearer.Headers.Add("Origin", "http://127.0.0.1:1");
        using var bearerAnswer = await _http.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("page of this silo", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bearerAnswer.StatusCode);
    }

    [SkippableFact]
    public async Task Login_RefusesAWrongKey_AndAnythingButJson()
    {
        using var wrong = await PostJsonAsync("admin/login", new { key = "not-a-key-of-this-silo-at-all" });
        using var form = await _http.PostAsync("admin/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = KeyedSiloFixture.AdminKey }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Contains("not an API key this silo knows", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.False(form.Headers.Contains("Set-Cookie"));
    }

    [SkippableFact]
    public async Task AdminPage_SendsCallersWithoutASessionToTheLoginForm_AndServesItToOthers()
    {
        using var anonymous = await _http.GetAsync("admin/");
        using var script = await _http.GetAsync("admin/app.js");
        using var login = await _http.GetAsync("admin/login");
        var reader = await LogInAsync(KeyedSiloFixture.ReaderKey);
        using var page = await SendAsync(HttpMethod.Get, "admin/", reader);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/admin/login", anonymous.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<string> LogInAsync(string key)
    {
        using var response = await PostJsonAsync("admin/login", new { key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        _http.PostAsync(path, Json(JsonSerializer.Serialize(body)));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie, string? json = null, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = Json(json);
        }

        return _http.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
