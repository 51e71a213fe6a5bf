using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Configuration;

namespace MediaOrleans.Tests.Bus;

/// <summary>Bus settings are checked at start, and no message ever shows the broker password.</summary>
public sealed class BusOptionsTests
{
    private static readonly SectionOptionsValidator<BusOptions> Validator = new(BusOptions.Section);

    [Fact]
    public void Validate_Defaults_WithAndWithoutUri_Succeed()
    {
        Assert.True(Validator.Validate(null, new BusOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new BusOptions { Uri = "amqp://guest:guest@127.0.0.1:5672" }).Succeeded);
        Assert.True(Validator.Validate(null, new BusOptions { Uri = "amqps://u:p@rabbit.example/kazoo" }).Succeeded);
    }

    [Theory]
    [InlineData("http://guest:s3cr3t-pw@127.0.0.1:5672", "has scheme 'http'")]
    [InlineData("amqp//guest:s3cr3t-pw@127.0.0.1", "is not an absolute URI")]
    [InlineData("amqp://guest:s3cr3t-pw@127.0.0.1:99999", "is not an absolute URI")]
    public void Validate_BadUri_NamesTheKeyButNeverThePassword(string uri, string problem)
    {
        var result = Validator.Validate(null, new BusOptions { Uri = uri });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.StartsWith("Media:Bus:Uri = '", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", message, StringComparison.Ordinal);
        Assert.Contains("****", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(BusOptions.Queue), "has space")]
    [InlineData(nameof(BusOptions.RequestExchange), "")]
    [InlineData(nameof(BusOptions.SystemMediaDatabase), "a/b")]
    public void Validate_BadName_NamesTheKey(string property, string value)
    {
        var options = new BusOptions();
        typeof(BusOptions).GetProperty(property)!.SetValue(options, value);

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith($"Media:Bus:{property} = '{value}'", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(1025, 16)]
    [InlineData(16, 0)]
    public void Validate_ConcurrencyAndPrefetchOutOfRange_Fail(int maxConcurrency, int prefetch)
    {
        Assert.True(Validator.Validate(null, new BusOptions { MaxConcurrency = maxConcurrency, Prefetch = prefetch }).Failed);
    }

    [Fact]
    public void Validate_ReconnectMaxBelowMin_Fails()
    {
        var result = Validator.Validate(null, new BusOptions { ReconnectMinMilliseconds = 2000, ReconnectMaxMilliseconds = 1000 });

        Assert.StartsWith("Media:Bus:ReconnectMaxMilliseconds = '1000'", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672", "amqp://guest:****@127.0.0.1:5672")]
    [InlineData("amqp://kazoo:p%40ss@rabbit:5672/vhost", "amqp://kazoo:****@rabbit:5672/vhost")]
    [InlineData("amqp://u:pa/ss@word@h", "amqp://u:****@h")]
    [InlineData("amqp://127.0.0.1:5672", "amqp://127.0.0.1:5672")]
    [InlineData("amqp://user@h:5672", "amqp://user@h:5672")]
    public void Redact_HidesOnlyThePassword(string uri, string expected)
    {
        Assert.Equal(expected, UriCredentials.Redact(uri));
    }
}
