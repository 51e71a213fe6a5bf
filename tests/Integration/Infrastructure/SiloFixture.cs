namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>One silo (embedded defaults, private ports) shared by the tests of a class.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("silo not started");

    /// <summary>An admin API client for it.</summary>
    public MediaApi Api { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Short head timeouts keep the 408 tests quick; everything else is the default.
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Media__Shout__HeadTimeoutSeconds"] = "2",
            ["Media__Http__HeadTimeoutSeconds"] = "3",
        });
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
