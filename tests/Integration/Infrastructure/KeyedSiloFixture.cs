namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// One silo with an API key per role (the writer's configured as its SHA-256), listening on every
/// address so a test can also call it from a network namespace.
/// </summary>
public sealed class KeyedSiloFixture : IAsyncLifetime
{
    /// <summary>The reader's key.</summary>
    public const string ReaderKey = "reader-key-0123456789abcdef";

    /// <summary>The writer's key (configured as sha256:&lt;hex&gt;).</summary>
    public const string WriterKey = "writer-key-0123456789abcdef";

    /// <summary>The admin's key.</summary>
    public const string AdminKey = "admin-key-0123456789abcdef";

    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("silo not started");

    /// <summary>A client without a key.</summary>
    public MediaApi Anonymous { get; private set; } = null!;

    /// <summary>A client with the reader's key.</summary>
    public MediaApi Reader { get; private set; } = null!;

    /// <summary>A client with the writer's key.</summary>
    public MediaApi Writer { get; private set; } = null!;

    /// <summary>A client with the admin's key.</summary>
    public MediaApi Admin { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var writerHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(WriterKey)));
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Media__ListenAddress"] = "0.0.0.0",
            ["Media__Admin__ApiKeys__viewer__Secret"] = ReaderKey,
            ["Media__Admin__ApiKeys__viewer__Role"] = "reader",
            ["Media__Admin__ApiKeys__voicemail__Secret"] = "sha256:" + writerHash,
            ["Media__Admin__ApiKeys__voicemail__Role"] = "writer",
            ["Media__Admin__ApiKeys__ops__Secret"] = AdminKey,
            ["Media__Admin__ApiKeys__ops__Role"] = "Admin",
        });
        Anonymous = new MediaApi(_silo.HttpBase);
        Reader = new MediaApi(_silo.HttpBase, ReaderKey);
        Writer = new MediaApi(_silo.HttpBase, WriterKey);
        Admin = new MediaApi(_silo.HttpBase, AdminKey);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var api in new[] { Anonymous, Reader, Writer, Admin })
        {
            api?.Dispose();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
