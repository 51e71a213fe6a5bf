using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Limits;

/// <summary>One silo with the limits a test class tries, shared by its tests.</summary>
public abstract class LimitedSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("silo not started");

    /// <summary>An admin API client for it.</summary>
    public MediaApi Api { get; private set; } = null!;

    /// <summary>The silo's settings (environment variables).</summary>
    protected abstract Dictionary<string, string> Settings { get; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(Settings);
        Api = new MediaApi(_silo.HttpBase);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

/// <summary>Small connection caps on both ports.</summary>
public sealed class CappedSiloFixture : LimitedSiloFixture
{
    /// <summary>Connections per port.</summary>
    public const int MaxConnections = 12;

    /// <summary>Connections per address and port.</summary>
    public const int MaxPerAddress = 3;

    /// <inheritdoc />
    protected override Dictionary<string, string> Settings => new()
    {
        ["Media__Http__MaxConnections"] = $"{MaxConnections}",
        ["Media__Http__MaxConnectionsPerAddress"] = $"{MaxPerAddress}",
        ["Media__Http__ConnectionRetryAfterSeconds"] = "7",
        ["Media__Shout__MaxConnections"] = $"{MaxConnections}",
        ["Media__Shout__MaxConnectionsPerAddress"] = $"{MaxPerAddress}",
        ["Media__Shout__ConnectionRetryAfterSeconds"] = "7",
    };
}

/// <summary>Short timeouts and high data-rate floors, so slow clients are cut within seconds.</summary>
public sealed class StrictSiloFixture : LimitedSiloFixture
{
    /// <inheritdoc />
    protected override Dictionary<string, string> Settings => new()
    {
        ["Media__Http__HeadTimeoutSeconds"] = "2",
        ["Media__Http__KeepAliveSeconds"] = "2",
        ["Media__Http__DataRateGraceSeconds"] = "2",
        ["Media__Http__MinUploadBytesPerSecond"] = "100000",
        ["Media__Http__MinPlaybackBytesPerSecond"] = "10000000",
        ["Media__Shout__HeadTimeoutSeconds"] = "2",
        ["Media__Shout__SourceIdleTimeoutSeconds"] = "3",
        ["Media__Shout__DataRateGraceSeconds"] = "2",
        ["Media__Shout__SourceMinBytesPerSecond"] = "1000",
    };
}

/// <summary>The default limits on a 512 MiB heap, where memory amplification shows at once.</summary>
public sealed class SmallHeapSiloFixture : LimitedSiloFixture
{
    /// <inheritdoc />
    protected override Dictionary<string, string> Settings => new()
    {
        ["DOTNET_GCHeapHardLimit"] = "0x20000000",
    };
}

/// <summary>The default limits (credential cooling: 20 failures in 60 s cool an address for 120 s).</summary>
public sealed class DefaultLimitsSiloFixture : LimitedSiloFixture
{
    /// <inheritdoc />
    protected override Dictionary<string, string> Settings => [];
}
