using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Bus;

/// <summary>
/// One silo on the shared broker with the bus on its defaults (<c>kapps</c>, <c>targeted</c>,
/// <c>mediaorleans.media_req</c>), the media the tests ask for, and a requester. Started by the
/// first test that needs it, because the broker is a collection fixture this one cannot take.
/// </summary>
public sealed class BusSiloFixture : IAsyncLifetime
{
    /// <summary>An account id as Kazoo makes them: 32 hex digits.</summary>
    public const string Account = "4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1";

    private RabbitMqServer? _broker;

    public SiloProcess Silo { get; private set; } = null!;

    public BusClient Client { get; private set; } = null!;

    public MediaApi Api { get; private set; } = null!;

    /// <summary>Bytes of the 3 s 8 kHz WAV stored as <c>system_media/bus-tone</c> and <c>bus-own</c>.</summary>
    public byte[] Wav { get; private set; } = [];

    /// <summary>Bytes of the MP3 stored as <c>&lt;account&gt;/bus-greeting</c>.</summary>
    public byte[] Mp3 { get; private set; } = [];

    /// <summary>Starts the silo and the requester once (the tests of a class run one at a time).</summary>
    public async Task StartAsync(RabbitMqServer broker)
    {
        if (_broker is not null)
        {
            return;
        }

        Silo = await BusSilos.StartConnectedAsync(new Dictionary<string, string> { ["Media__Bus__Uri"] = broker.Uri });
        _broker = broker;
        Api = new MediaApi(Silo.HttpBase);
        Wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        await UploadAsync("system_media/bus-tone", Wav, "audio/wav");
        await UploadAsync("bus-own", Wav, "audio/wav");
        await UploadAsync($"{Account}/bus-greeting", Mp3, "audio/mpeg");
        Client = await BusClient.ConnectAsync(broker.Uri);
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            if (_broker?.Running == true)
            {
                // Durable queues outlive the silo; they would keep collecting requests for nobody.
                await Client.DeleteQueueAsync("mediaorleans.media_req");
                await Client.DeleteQueueAsync("mediaorleans.record_req");
            }

            await Client.DisposeAsync();
        }

        Api?.Dispose();
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }

    private async Task UploadAsync(string name, byte[] content, string contentType)
    {
        var (status, body) = await Api.UploadAsync(name, content, contentType);
        Assert.True(status == 200, $"upload of {name} answered {status}: {body}");
    }
}
