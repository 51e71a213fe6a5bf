using System.Security.Cryptography;
using System.Text;
using MediaOrleans.Silo.Http.Access;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Http;

public sealed class ApiKeyRingTests
{
    private static AdminOptions Keys(params (string Name, string? Secret, string? Role)[] keys)
    {
        var options = new AdminOptions();
        foreach (var (name, secret, role) in keys)
        {
            options.ApiKeys[name] = new ApiKeyOptions { Secret = secret, Role = role };
        }

        return options;
    }

    [Fact]
    public void Find_PlainAndHashedSecrets_AnswerTheirKey()
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("hashed-secret-0123456789")));
        var ring = new ApiKeyRing(Options.Create(Keys(("viewer", "plain-secret-0123456789", "reader"), ("ops", "sha256:" + hash, "ADMIN"))));

        Assert.Equal(("viewer", AdminRole.Reader), (ring.Find("plain-secret-0123456789")!.Name, ring.Find("plain-secret-0123456789")!.Role));
        Assert.Equal(("ops", AdminRole.Admin), (ring.Find("hashed-secret-0123456789")!.Name, ring.Find("hashed-secret-0123456789")!.Role));
        Assert.Null(ring.Find("sha256:" + hash));
        Assert.Null(ring.Find("plain-secret-012345678"));
        Assert.Null(ring.Find(string.Empty));
        Assert.False(ring.IsEmpty);
        Assert.True(new ApiKeyRing(Options.Create(new AdminOptions())).IsEmpty);
    }

    [Theory]
    [InlineData("reader", AdminRole.Reader)]
    [InlineData("Writer", AdminRole.Writer)]
    [InlineData("admin", AdminRole.Admin)]
    [InlineData("root", null)]
    [InlineData("2", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ParseRole_NamesOnly(string? text, AdminRole? role)
    {
        Assert.Equal(role, ApiKeyRing.ParseRole(text));
    }

    [Fact]
    public void Validator_NamesEveryBadKey_NeverTheSecret()
    {
        var options = Keys(("a", "", "reader"), ("b", "sha256:zz", "writer"), ("c", "too-short", "admin"),
            ("d", "a-long-enough-secret-value", "owner"), ("e", "another-long-enough-secret", "writer"));
        options.Port = 0;
        options.ListenAddress = "not-an-address";

        var result = new AdminOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Media:Admin:ApiKeys:a:Secret is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Media:Admin:ApiKeys:b:Secret starts with sha256:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Media:Admin:ApiKeys:c:Secret is shorter", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Media:Admin:ApiKeys:d:Role = 'owner'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Media:Admin:Port = '0'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Media:Admin:ListenAddress = 'not-an-address'", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("too-short", StringComparison.Ordinal) || f.Contains("a-long-enough", StringComparison.Ordinal));
    }
}
