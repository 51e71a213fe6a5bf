using MediaOrleans.Silo.Http.Access;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Http;

public sealed class AdminSessionsTests
{
    private const string Secret = "cluster-secret-for-tests";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private AdminSessions Sessions(string role = "writer", string secret = "voicemail-key-0123456789", string urlSecret = Secret, int minutes = 60)
    {
        var options = new AdminOptions { SessionMinutes = minutes };
        options.ApiKeys["voicemail"] = new ApiKeyOptions { Secret = secret, Role = role };
        var wrapped = Options.Create(options);
        return new AdminSessions(new ApiKeyRing(wrapped), new MediaUrlSigner(urlSecret), _time, wrapped);
    }

    private static ApiKey Key(string role = "writer") => new ApiKeyRing(Options.Create(new AdminOptions
    {
        ApiKeys = { ["voicemail"] = new ApiKeyOptions { Secret = "voicemail-key-0123456789", Role = role } },
    })).FindByName("voicemail")!;

    [Fact]
    public void Issued_Token_ReadsBackAsItsKeysNameAndRole_WithoutTheKey()
    {
        var sessions = Sessions();
        var token = sessions.Issue(Key());

        Assert.Equal(new AdminCaller("voicemail", AdminRole.Writer), sessions.Read(token));
        Assert.DoesNotContain("voicemail-key", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_ExpiresAfterTheSessionLifetime()
    {
        var sessions = Sessions(minutes: 60);
        var token = sessions.Issue(Key());

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(sessions.Read(token));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(sessions.Read(token));
    }

    [Fact]
    public void Token_DiesWhenTheKeyIsRotated_GivenAnotherRole_OrTheClusterSecretChanges()
    {
        var token = Sessions().Issue(Key());

        Assert.Null(Sessions(secret: "rotated-key-0123456789abc").Read(token));
        Assert.Null(Sessions(role: "admin").Read(token));
        Assert.Null(Sessions(urlSecret: "another-cluster-secret").Read(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("dm9pY2VtYWls.writer.notanumber.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!.writer.1900000000.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("dm9pY2VtYWls.writer.1900000000.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("dm9pY2VtYWls.writer.+1900000000.AAAAAAAAAAAAAAAAAAAAAA")]
    public void MalformedOrForgedTokens_ReadAsNobody(string token)
    {
        Assert.Null(Sessions().Read(token));
        Assert.Null(Sessions().Read(null));
    }

    [Fact]
    public void AnAlteredField_BreaksTheSignature()
    {
        var sessions = Sessions(role: "reader");
        var token = sessions.Issue(Key("reader")).Split('.');
        var otherSignature = sessions.Issue(Key("writer")).Split('.')[3];
        var later = (long.Parse(token[2], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.NotNull(sessions.Read(string.Join('.', token)));
        Assert.Null(sessions.Read(string.Join('.', token[0], "admin", token[2], token[3])));
        Assert.Null(sessions.Read(string.Join('.', token[0], token[1], later, token[3])));
        Assert.Null(sessions.Read(string.Join('.', token[0], token[1], token[2], otherSignature)));
    }
}
