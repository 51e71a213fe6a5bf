using System.Globalization;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A network namespace joined to this host by a veth pair, so a test can call a silo from an
/// address that is not loopback: the host end is <see cref="HostAddress"/>, the namespace end
/// <see cref="Address"/>. Names and the 10.x /30 are unique per process and instance; everything
/// is removed on dispose, and a failed setup removes what it made. Needs root.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);
    private static int _created;

    private readonly string _hostLink;

    private NetworkNamespace(string name, string hostLink, string hostAddress, string address)
    {
        Name = name;
        _hostLink = hostLink;
        HostAddress = hostAddress;
        Address = address;
    }

    /// <summary>The namespace's name.</summary>
    public string Name { get; }

    /// <summary>This host's address on the link (what a caller in the namespace connects to).</summary>
    public string HostAddress { get; }

    /// <summary>The namespace's own address (what the silo sees as the caller).</summary>
    public string Address { get; }

    /// <summary>Creates the namespace and its link.</summary>
    public static async Task<NetworkNamespace> CreateAsync()
    {
        var pid = Environment.ProcessId;
        var n = Interlocked.Increment(ref _created);
        var tag = string.Create(CultureInfo.InvariantCulture, $"{pid % 100_000}{n}");
        // Each instance gets its own /30 in 10.(100+pid%100).(n*4 % 256).
        var second = 100 + (pid % 100);
        var third = (n * 4) % 256;
        var space = new NetworkNamespace($"moacc{tag}", $"moah{tag}", $"10.{second}.{third}.1", $"10.{second}.{third}.2");
        try
        {
            var peer = $"moan{tag}";
            await RunAsync($"ip netns add {space.Name}");
            await RunAsync($"ip link add {space._hostLink} type veth peer name {peer}");
            await RunAsync($"ip link set {peer} netns {space.Name}");
            await RunAsync($"ip addr add {space.HostAddress}/30 dev {space._hostLink} && ip link set {space._hostLink} up");
            await RunAsync($"ip netns exec {space.Name} sh -c 'ip addr add {space.Address}/30 dev {peer} && ip link set {peer} up && ip link set lo up'");
            return space;
        }
        catch
        {
            await space.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="script"/> with bash inside the namespace.</summary>
    public Task<ProcessResult> ExecAsync(string script, TimeSpan timeout) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", Name, "/bin/bash", "-c", script], timeout);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Deleting the host end removes its peer too; each step runs even if an earlier one fails.
        await ProcessRunner.BashAsync($"ip link del {_hostLink} 2>/dev/null; ip netns del {Name} 2>/dev/null; true", CommandTimeout);
    }

    private static async Task RunAsync(string script)
    {
        var result = await ProcessRunner.BashAsync(script, CommandTimeout);
        Assert.True(result.ExitCode == 0, $"'{script}' failed ({result.ExitCode}): {result.Stderr}");
    }
}
