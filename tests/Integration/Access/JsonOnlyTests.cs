using System.Net.Http.Headers;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Access;

/// <summary>
/// The JSON endpoints take application/json only: a web page can send a form or text/plain to
/// any address without asking (cross-site), but never application/json, so a page an operator
/// opens cannot act on a silo that trusts loopback.
/// </summary>
public sealed class JsonOnlyTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    public static TheoryData<string?, string?> CrossSiteTypes => new()
    {
        { "text/plain", "{\"mediaName\":\"system_media/vm-enter_pass\"}" },
        { "application/x-www-form-urlencoded", "{\"mediaName\":\"system_media/vm-enter_pass\"}" },
        { "multipart/form-data; boundary=x", "--x--" },
        { null, null },
    };

    [SkippableTheory]
    [MemberData(nameof(CrossSiteTypes))]
    public async Task JsonEndpoints_RefuseWhatAWebPageCanSend_415(string? contentType, string? body)
    {
        var (_, before) = await fixture.Api.GetAsync("api/recordings");
        foreach (var path in new[] { "api/streams", "api/recordings", "api/recordings/rec-csrf/store" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
            if (contentType is not null)
            {
                request.Content = new StringContent(body!, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            var (status, _, error) = await fixture.Api.SendAsync(request);

            Assert.True(status == 415, $"POST {path} as '{contentType}' answered {status}: {error}");
            Assert.Equal("unsupported_media_type", error.GetProperty("error").GetString());
            Assert.Contains("application/json", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var (_, after) = await fixture.Api.GetAsync("api/recordings");
        Assert.Equal(before.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());
    }

    [SkippableFact]
    public async Task JsonEndpoints_TakeApplicationJson_AlsoWithACharsetOrAnEmptyBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/recordings", UriKind.Relative))
        {
            Content = new StringContent("{\"name\":\"csrf/typed\"}", Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };

        Assert.Equal(201, (await fixture.Api.SendAsync(request)).Status);
        Assert.Equal(201, (await fixture.Api.AllocateRecordingAsync()).Status);
    }

    [SkippableFact]
    public async Task MistypedJson_ErrorNamesThePlace_NotDotNetTypes()
    {
        var (status, body) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = "forever" });

        Assert.Equal(400, status);
        Assert.Equal("invalid_json", body.GetProperty("error").GetString());
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains("$.maxSeconds", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("MediaOrleans.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UnbindableQuery_AnswersTheJsonErrorBody()
    {
        var (status, body) = await fixture.Api.GetAsync("api/media?limit=lots");

        Assert.Equal(400, status);
        Assert.Equal("bad_request", body.GetProperty("error").GetString());
    }
}
