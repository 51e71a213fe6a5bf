using System.Net;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Limits;

/// <summary>
/// Wrong SHOUT source credentials are throttled per address (defaults: 20 failures within 60 s
/// cool the address for 120 s): after 1,000 wrong passwords from one address even the right one
/// from it is refused with 429, while the right one from another address records, with the
/// real libshout client.
/// </summary>
public sealed class CredentialCoolingTests(DefaultLimitsSiloFixture fixture) : IClassFixture<DefaultLimitsSiloFixture>
{
    private const int WrongPasswords = 1000;
    private const int MaxFailures = 20;

    [SkippableFact]
    public async Task ThousandWrongPasswords_CoolThatAddressOnly_TheRightPasswordElsewhereRecords()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (status, allocation) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 120 });
        Assert.Equal(201, status);
        var name = allocation.GetProperty("name").GetString()!;
        var url = ShoutUrl.Parse(allocation.GetProperty("url").GetString()!);
        var attacker = IPAddress.Parse("127.0.0.2");

        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < WrongPasswords; i++)
        {
            var answer = await SourceAsync(attacker, url.Mount, url.User, $"wrong-{i}");
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
        }

        Assert.Equal(MaxFailures, statuses.GetValueOrDefault(401));
        Assert.Equal(WrongPasswords - MaxFailures, statuses.GetValueOrDefault(429));

        var right = await SourceAsync(attacker, url.Mount, url.User, url.Password);
        Assert.Equal(429, right.Status);
        Assert.True(int.Parse(RawConnection.HeaderOf(right.Head, "Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 120,
            right.Head);

        // The switch, from its own address (127.0.0.1), with mod_shout's libshout calls.
        var recorded = await SourceClients.ModShoutAsync(url, mp3);
        Assert.True(recorded.ExitCode == 0, $"modshout-client failed ({recorded.ExitCode}): {recorded.Stderr}\n{fixture.Silo.Output}");
        var recording = await WaitForCompleteAsync(name);
        Assert.Equal(new FileInfo(mp3).Length, recording.GetProperty("bytes").GetInt64());

        // One warning for the address, naming no credential.
        var output = fixture.Silo.Output;
        Assert.Equal(1, Count(output, "Address 127.0.0.2 presented wrong source credentials"));
        Assert.DoesNotContain(url.Password, output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-7", output, StringComparison.Ordinal);
    }

    // One source request (PUT, as libshout sends after its OPTIONS) with Basic credentials, on its own connection.
    private async Task<(int Status, string Head)> SourceAsync(IPAddress source, string mount, string user, string password)
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort, source);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        await connection.SendAsync($"PUT {mount} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {credentials}\r\n" +
                                   "Content-Type: audio/mpeg\r\nExpect: 100-continue\r\n\r\n");
        var head = await connection.ReadHeadAsync();
        return (RawConnection.StatusOf(head), head);
    }

    private async Task<System.Text.Json.JsonElement> WaitForCompleteAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, recording) = await fixture.Api.GetRecordingAsync(name);
            if (recording.GetProperty("state").GetString() == "complete")
            {
                return recording;
            }

            Assert.True(DateTime.UtcNow < deadline, $"recording {name} is {recording}, not complete\n{fixture.Silo.Output}");
            await Task.Delay(50);
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
