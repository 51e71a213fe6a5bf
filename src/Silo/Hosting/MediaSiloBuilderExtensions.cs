using System.Net;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Http;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Silo.Streams;
using MediaOrleans.Silo.Urls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MediaOrleans.Silo.Hosting;

/// <summary>Wires the silo: options, Orleans, stores, URL signing, both listeners and the message bus.</summary>
public static class MediaSiloBuilderExtensions
{
    /// <summary>Adds everything a MediaOrleans silo runs.</summary>
    public static WebApplicationBuilder AddMediaSilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        AddValidatedOptions<MediaOptions>(services, builder.Configuration, MediaOptions.Section);
        AddValidatedOptions<HttpListenerOptions>(services, builder.Configuration, HttpListenerOptions.Section);
        AddValidatedOptions<ShoutOptions>(services, builder.Configuration, ShoutOptions.Section);
        AddValidatedOptions<UrlOptions>(services, builder.Configuration, UrlOptions.Section);
        AddValidatedOptions<StoreOptions>(services, builder.Configuration, StoreOptions.Section);
        AddValidatedOptions<RecordingOptions>(services, builder.Configuration, RecordingOptions.Section);
        AddValidatedOptions<LiveStreamOptions>(services, builder.Configuration, LiveStreamOptions.Section);
        AddValidatedOptions<BusOptions>(services, builder.Configuration, BusOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMediaStore>(sp =>
            new DirectoryMediaStore(DataDirectory(sp, "media"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRecordingSpool>(sp => new FileRecordingSpool(DataDirectory(sp, "recordings")));
        services.AddSingleton(sp => new MediaUrlSigner(UrlSecret.Resolve(
            sp.GetRequiredService<IOptions<UrlOptions>>().Value, DataDirectory(sp, string.Empty))));
        services.AddSingleton<PlaybackUrls>();
        services.AddSingleton<StreamAllocator>();
        services.AddSingleton<PlaybackSource>();
        services.AddSingleton<PlaybackConnectionMiddleware>();
        services.AddSingleton<LiveStreamHub>();

        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<MediaOptions>, IOptions<HttpListenerOptions>, IOptions<ShoutOptions>>(ConfigureListeners);

        builder.UseOrleans(silo => ConfigureOrleans(silo, builder.Configuration));
        services.AddMediaBus();
        return builder;
    }

    /// <summary>Maps the HTTP listener's routes.</summary>
    public static WebApplication MapMediaEndpoints(this WebApplication app)
    {
        app.MapAdminApi();
        return app;
    }

    private static void ConfigureListeners(KestrelServerOptions kestrel, IOptions<MediaOptions> media,
        IOptions<HttpListenerOptions> http, IOptions<ShoutOptions> shout)
    {
        var address = IPAddress.Parse(media.Value.ListenAddress);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = http.Value.MaxUploadBytes;
        kestrel.Listen(address, http.Value.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            var playback = listen.ApplicationServices.GetRequiredService<PlaybackConnectionMiddleware>();
            listen.Use(next => connection => playback.OnConnectionAsync(connection, next));
        });
        kestrel.Listen(address, shout.Value.Port, listen => listen.UseConnectionHandler<ShoutConnectionHandler>());
    }

    private static void ConfigureOrleans(ISiloBuilder silo, ConfigurationManager configuration)
    {
        // Embedded default: a one-machine cluster, no membership server. Orleans' own
        // Orleans:Clustering keys select a real provider instead.
        if (!configuration.GetSection("Orleans:Clustering").Exists())
        {
            var endpoints = configuration.GetSection("Orleans:Endpoints").Get<EndpointOptions>() ?? new EndpointOptions();
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: "mediaorleans", clusterId: "mediaorleans");
        }
    }

    private static void AddValidatedOptions<T>(IServiceCollection services, ConfigurationManager configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionOptionsValidator<T>(section));
    }

    private static string DataDirectory(IServiceProvider services, string child) =>
        Path.GetFullPath(Path.Combine(services.GetRequiredService<IOptions<MediaOptions>>().Value.DataPath, child));
}
