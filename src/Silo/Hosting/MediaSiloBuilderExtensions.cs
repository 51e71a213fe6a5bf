using System.Net;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Http;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Silo.Storage.CouchDb;
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
        AddValidatedOptions<TranscodeOptions>(services, builder.Configuration, TranscodeOptions.Section);
        AddValidatedOptions<ContentCacheOptions>(services, builder.Configuration, ContentCacheOptions.Section);
        AddValidatedOptions<AudioOptions>(services, builder.Configuration, AudioOptions.Section);

        // One offset moves every port, so several silos share a machine and a configuration.
        var portOffset = builder.Configuration.GetValue<int>("Media:PortOffset");
        services.PostConfigure<HttpListenerOptions>(http => http.Port += portOffset);
        services.PostConfigure<ShoutOptions>(shout => shout.Port += portOffset);
        AddValidatedOptions<BusOptions>(services, builder.Configuration, BusOptions.Section);

        services.AddSingleton(TimeProvider.System);
        var store = builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        if (store.Kind == StoreKind.CouchDb)
        {
            services.AddCouchDbMediaStore(builder.Configuration);
        }
        else
        {
            services.AddSingleton<IMediaStore>(sp =>
                new DirectoryMediaStore(DataDirectory(sp, "media"), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMediaCatalog>(sp => new DirectoryMediaCatalog(DataDirectory(sp, "media")));
        }

        services.AddSingleton<IRecordingSpool>(sp => new FileRecordingSpool(DataDirectory(sp, "recordings")));
        services.AddSingleton(sp => new MediaUrlSigner(UrlSecret.Resolve(
            sp.GetRequiredService<IOptions<UrlOptions>>().Value, DataDirectory(sp, string.Empty))));
        services.AddSingleton<TranscodeCache>();
        services.AddMp3Decoder();
        services.AddSingleton<HeldContent>();
        services.AddSingleton<PlaybackUrls>();
        services.AddSingleton<StreamAllocator>();
        services.AddSingleton<RecordingAllocator>();
        services.AddSingleton<PlaybackSource>();
        services.AddSingleton<PlaybackConnectionMiddleware>();
        services.AddSingleton<LiveStreamHub>();
        services.AddHostedService<SpoolRecovery>();

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
        var offset = configuration.GetValue<int>("Media:PortOffset");
        var configured = configuration.GetSection("Orleans:Endpoints");
        var siloPort = configured.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = configured.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var clusterId = configuration["Orleans:ClusterId"] ?? "mediaorleans";
        var serviceId = configuration["Orleans:ServiceId"] ?? "mediaorleans";

        if (ClusteringSettings.From(configuration).IsLocalhost)
        {
            // Embedded default: a one-machine cluster, no membership server. Silos with a port
            // offset join the one on the base port, which keeps the membership.
            var primary = offset == 0 ? null : new IPEndPoint(IPAddress.Loopback, siloPort);
            silo.UseLocalhostClustering(siloPort + offset, gatewayPort + offset, primary, serviceId, clusterId);
        }
        else
        {
            // Orleans' own Orleans:Clustering keys have chosen the provider; MediaOrleans adds
            // the identity, the offset ports and the address other silos reach this one on.
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = serviceId;
            });
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = siloPort + offset;
                endpoints.GatewayPort = gatewayPort + offset;
                if (configured["AdvertisedIPAddress"] is { Length: > 0 } advertised)
                {
                    endpoints.AdvertisedIPAddress = IPAddress.Parse(advertised);
                }
            });
        }

        // Dead silos are noticed fast: FreeSWITCH asking for a URL must not wait Orleans' default
        // ~10 s for a killed silo's grains to come back elsewhere. Three missed 1 s probes gave
        // 1.4 s in tests/Integration/Cluster; Orleans:Membership:* overrides both.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 3;
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
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
