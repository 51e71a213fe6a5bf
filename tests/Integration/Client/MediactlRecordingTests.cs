using System.Globalization;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Client;

/// <summary>
/// The voicemail flow from a shell: <c>mediactl record</c> allocates, a real libshout source
/// (mod_shout's calls) records to the printed URL while <c>mediactl recordings follow</c> prints
/// each state, <c>mediactl store</c> turns it into media, and the stored media plays.
/// </summary>
public sealed class MediactlRecordingTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Record_FedByLibshout_IsFollowedToCompletion_StoredAndPlayed()
    {
        Requirements.Tools("curl", "mpg123");
        var mp3 = await AudioFiles.Call8kMp3Async();

        var ticket = await Mediactl.JsonAsync(fixture.Silo, "record", "--name", "calls/mediactl-1", "--max-seconds", "60");
        Assert.Equal("calls/mediactl-1", ticket.GetProperty("name").GetString());
        Assert.Equal(60, ticket.GetProperty("maxSeconds").GetInt32());
        var url = ShoutUrl.Parse(ticket.GetProperty("url").GetString()!);
        Assert.Equal(fixture.Silo.ShoutPort, url.Port);
        Assert.Equal("/rec/calls/mediactl-1.mp3", url.Mount);

        await using var follow = Mediactl.Start(fixture.Silo, "recordings", "follow", "calls/mediactl-1", "--interval-ms", "100");
        await follow.WaitForLineAsync(line => line.Contains(" allocated ", StringComparison.Ordinal), ClientTimeout);
        var source = await SourceClients.ModShoutAsync(url, mp3);
        Assert.True(source.ExitCode == 0, source.Stderr);
        Assert.Equal(0, await follow.WaitForExitAsync(ClientTimeout));

        output.WriteLine(string.Join('\n', follow.Lines));
        var states = follow.Lines.Select(line => line.Split("  ")[2]).ToList();
        Assert.Equal(["allocated", "receiving", "complete"], states);
        var length = new FileInfo(mp3).Length;
        Assert.Contains($"  {length.ToString("N0", CultureInfo.InvariantCulture)} bytes  ", follow.Lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("(closed)", follow.Lines[^1], StringComparison.Ordinal);

        var shown = await Mediactl.JsonAsync(fixture.Silo, "recordings", "show", "calls/mediactl-1");
        Assert.Equal("complete", shown.GetProperty("state").GetString());
        Assert.Equal(length, shown.GetProperty("bytes").GetInt64());

        var stored = await Mediactl.JsonAsync(fixture.Silo, "store", "calls/mediactl-1", "vm/mediactl/msg-1");
        Assert.Equal("vm/mediactl/msg-1", stored.GetProperty("name").GetString());
        Assert.Equal("mp3", stored.GetProperty("codec").GetString());
        Assert.Equal(length, stored.GetProperty("length").GetInt64());

        var listed = await Mediactl.JsonAsync(fixture.Silo, "recordings", "--prefix", "calls/mediactl-");
        var entry = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("stored", entry.GetProperty("state").GetString());
        Assert.Equal("vm/mediactl/msg-1", entry.GetProperty("storedAs").GetString());

        // The stored message plays as mod_shout would play it, decoding like the file that was recorded.
        var playUrl = (await Mediactl.RunAsync(fixture.Silo, "url", "vm/mediactl/msg-1")).StdoutText.Trim();
        var played = await ProcessRunner.BashAsync($"curl -sf 'http://{playUrl["shout://".Length..]}' | mpg123 -q -s -", ClientTimeout);
        var expected = await ProcessRunner.RunAsync("mpg123", ["-q", "-s", mp3], ClientTimeout);
        Assert.Equal(0, played.ExitCode);
        Assert.Equal(expected.Stdout, played.Stdout);
    }

    [Fact]
    public async Task FollowAndStore_UnknownRecording_ExitTwo()
    {
        var follow = await Mediactl.RunAsync(fixture.Silo, "recordings", "follow", "calls/never-allocated");
        var store = await Mediactl.RunAsync(fixture.Silo, "store", "calls/never-allocated", "vm/x", "--json");

        Assert.Equal(2, follow.ExitCode);
        Assert.Equal("mediactl: recording 'calls/never-allocated' does not exist", follow.Stderr.Trim());
        Assert.Equal(2, store.ExitCode);
        Assert.Equal("not_found", Mediactl.Parse(store).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Store_WhileStillAllocated_ExitsThreeWithConflict()
    {
        var ticket = await Mediactl.JsonAsync(fixture.Silo, "record");
        var name = ticket.GetProperty("name").GetString()!;

        var store = await Mediactl.RunAsync(fixture.Silo, "store", name, "vm/too-early");

        Assert.StartsWith("rec-", name, StringComparison.Ordinal);
        Assert.Equal(3, store.ExitCode);
        Assert.Equal($"mediactl: recording '{name}' is allocated; store it once it is complete", store.Stderr.Trim());
    }
}
