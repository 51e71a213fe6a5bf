using System.Net;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Silo.AdminWeb;
using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Configuration;
using MediaOrleans.Silo.Health;
using MediaOrleans.Silo.Http;
using MediaOrleans.Silo.Http.Access;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Silo.Storage.CouchDb;
using MediaOrleans.Silo.Streams;
using MediaOrleans.Silo.Telemetry;
using MediaOrleans.Silo.Tls;
using MediaOrleans.Silo.Urls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace MediaOrleans.Silo.Hosting;

/// <summary>Wires the silo: options, Orleans, stores, URL signing, both listeners and the message bus.</summary>
public static class MediaSiloBuilderExtensions
{
    /// <summary>Adds everything a MediaOrleans silo runs.</summary>
    public static WebApplicationBuilder AddMediaSilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddValidatedOptions<MediaOptions>(configuration, MediaOptions.Section);
        services.AddValidatedOptions<HttpListenerOptions>(configuration, HttpListenerOptions.Section);
        services.AddValidatedOptions<PlaybackCacheOptions>(configuration, PlaybackCacheOptions.Section);
        services.AddValidatedOptions<ShoutOptions>(configuration, ShoutOptions.Section);
        services.AddValidatedOptions<UrlOptions>(configuration, UrlOptions.Section);
        services.AddValidatedOptions<StoreOptions>(configuration, StoreOptions.Section);
        services.AddValidatedOptions<RecordingOptions>(configuration, RecordingOptions.Section);
        services.AddValidatedOptions<LiveStreamOptions>(configuration, LiveStreamOptions.Section);
        services.AddValidatedOptions<TranscodeOptions>(configuration, TranscodeOptions.Section);
        services.AddValidatedOptions<ContentCacheOptions>(configuration, ContentCacheOptions.Section);
        services.AddValidatedOptions<AudioOptions>(configuration, AudioOptions.Section);
        services.AddValidatedOptions<BusOptions>(configuration, BusOptions.Section);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddValidatedOptions<TlsOptions>(configuration, TlsOptions.Section);
        services.AddValidatedOptions<HttpsListenerOptions>(configuration, HttpsListenerOptions.Section);
        services.AddValidatedOptions<ClusterTlsOptions>(configuration, ClusterTlsOptions.Section);
        services.AddOptions<ShoutOptions>().Validate<IOptions<TlsOptions>>(
            (shout, tls) => shout.Tls != ShoutTlsMode.Required || tls.Value.IsConfigured,
            "Media:Shout:Tls = 'Required' needs a certificate: set Media:Tls:CertificatePath and Media:Tls:KeyPath");

        var endpoints = ReadEndpoints(configuration);
        services.AddSingleton(endpoints);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerCertificate>();
        services.AddSingleton<ShoutTlsSteering>();
        services.AddSingleton<ShoutTls>();
        AddStores(services, configuration);

        services.AddSingleton(sp => new MediaUrlSigner(UrlSecret.Resolve(
            sp.GetRequiredService<IOptions<UrlOptions>>().Value, DataDirectory(sp, string.Empty))));
        services.AddSingleton<ClusterRetry>();
        services.AddSingleton<TranscodeCache>();
        services.AddMp3Decoder();
        services.AddSingleton<HeldContent>();
        services.AddSingleton<PlaybackUrls>();
        services.AddSingleton<StreamAllocator>();
        services.AddSingleton<OpenRecordings>();
        services.AddSingleton<RecordingAllocator>();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<AdminAccess>();
        services.AddSingleton<PlaybackSource>();
        services.AddSingleton<LiveStreamHub>();
        services.AddSingleton<PlaybackRequest>();
        services.AddSingleton<PlaybackConnectionMiddleware>();
        services.AddSingleton<ShoutPlayback>();
        services.AddSingleton<ShoutSourceIngest>();
        services.AddHostedService<SpoolRecovery>();
        services.AddMediaHealthChecks();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpListenerOptions>>(
            (kestrel, http) => ConfigureListeners(kestrel, endpoints, http.Value));

        builder.UseOrleans(silo => ConfigureOrleans(silo, configuration, endpoints));
        services.AddMediaBus();
        services.AddMediaMetrics();
        return builder;
    }

    /// <summary>Maps the HTTP listener's routes.</summary>
    public static WebApplication MapMediaEndpoints(this WebApplication app)
    {
        app.UseApiStatusPages();
        BrowserAccess.Use(app);
        app.MapPlayback();
        app.MapAdminApi();
        app.MapMediaHealth();
        app.MapAdminPage();
        if (app.Configuration.GetValue($"{AdminOptions.Section}:{nameof(AdminOptions.Dashboard)}", true))
        {
            app.MapDashboardPage();
        }

        app.MapMetrics();
        return app;
    }

    // Read once: the listeners bind these ports, URLs name them, Orleans uses the last two. The
    // options they come from are validated at start as well (a bad port stops the silo there).
    private static SiloEndpoints ReadEndpoints(ConfigurationManager configuration)
    {
        var media = configuration.GetSection(MediaOptions.Section).Get<MediaOptions>() ?? new MediaOptions();
        var http = configuration.GetSection(HttpListenerOptions.Section).Get<HttpListenerOptions>() ?? new HttpListenerOptions();
        var shout = configuration.GetSection(ShoutOptions.Section).Get<ShoutOptions>() ?? new ShoutOptions();
        var admin = configuration.GetSection(AdminOptions.Section).Get<AdminOptions>() ?? new AdminOptions();
        var https = configuration.GetSection(HttpsListenerOptions.Section).Get<HttpsListenerOptions>() ?? new HttpsListenerOptions();
        var tls = configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        var orleans = configuration.GetSection("Orleans:Endpoints");
        return SiloEndpoints.From(media, http.Port, shout.Port,
            orleans.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT), orleans.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
            tls.IsConfigured ? https.Port : null, admin.Port, admin.ListenAddress);
    }

    private static void AddStores(IServiceCollection services, ConfigurationManager configuration)
    {
        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        if (store.Kind == StoreKind.CouchDb)
        {
            services.AddCouchDbMediaStore(configuration);
        }
        else
        {
            services.AddSingleton<IMediaStore>(sp =>
                new DirectoryMediaStore(sp.GetRequiredService<DataRoots>().Media, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMediaCatalog>(sp => new DirectoryMediaCatalog(sp.GetRequiredService<DataRoots>().Media));
            services.AddSingleton<IStoreProbe, DirectoryStoreProbe>();
        }

        services.AddSingleton(sp => DataRoots.Open(DataDirectory(sp, "media"), DataDirectory(sp, "recordings"),
            sp.GetRequiredService<ILogger<DataRoots>>()));
        services.AddSingleton<IRecordingSpool>(sp => new FileRecordingSpool(sp.GetRequiredService<DataRoots>().Recordings));
        services.AddSingleton<IClusterPresence, ClusterPresence>();
    }

    private static void ConfigureListeners(KestrelServerOptions kestrel, SiloEndpoints endpoints, HttpListenerOptions http)
    {
        var address = IPAddress.Parse(endpoints.ListenAddress);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = http.MaxUploadBytes;
        // The same limits and times for requests Kestrel reads as for those playback reads ahead of it.
        kestrel.Limits.MaxRequestHeadersTotalSize = http.MaxHeadBytes;
        kestrel.Limits.MaxRequestHeaderCount = http.MaxHeaderCount;
        kestrel.Limits.RequestHeadersTimeout = http.HeadTimeout;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(http.KeepAliveSeconds);
        // Kestrel's own floors for the requests it serves; playback ahead of it keeps the same one.
        kestrel.Limits.MinRequestBodyDataRate = http.MinUploadBytesPerSecond == 0
            ? null
            : new MinDataRate(http.MinUploadBytesPerSecond, http.DataRateGrace);
        kestrel.Limits.MinResponseDataRate = http.MinPlaybackBytesPerSecond == 0
            ? null
            : new MinDataRate(http.MinPlaybackBytesPerSecond, http.DataRateGrace);
        kestrel.Listen(address, endpoints.HttpPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            var playback = listen.ApplicationServices.GetRequiredService<PlaybackConnectionMiddleware>();
            listen.Use(next => connection => playback.OnConnectionAsync(connection, next));
        });
        if (endpoints.HttpsPort is { } httpsPort)
        {
            kestrel.Listen(address, httpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                // TLS first, so the playback fast path reads decrypted heads as on the HTTP port;
                // each handshake asks for the current certificate, which follows the files.
                var certificate = listen.ApplicationServices.GetRequiredService<ServerCertificate>();
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(certificate.ServerOptions()),
                    HandshakeTimeout = http.HeadTimeout,
                });
                var playback = listen.ApplicationServices.GetRequiredService<PlaybackConnectionMiddleware>();
                listen.Use(next => connection => playback.OnConnectionAsync(connection, next));
            });
        }

        kestrel.Listen(address, endpoints.ShoutPort, listen => listen.UseConnectionHandler<ShoutConnectionHandler>());
        if (endpoints.AdminPort is { } adminPort)
        {
            // Kestrel only: the admin API (and the health check); AdminAccess keeps admin routes off every other port.
            kestrel.Listen(IPAddress.Parse(endpoints.AdminListenAddress!), adminPort, listen => listen.Protocols = HttpProtocols.Http1);
        }
    }

    private static void ConfigureOrleans(ISiloBuilder silo, ConfigurationManager configuration, SiloEndpoints endpoints)
    {
        var clusterId = configuration["Orleans:ClusterId"] ?? "mediaorleans";
        var serviceId = configuration["Orleans:ServiceId"] ?? "mediaorleans";

        if (ClusteringSettings.From(configuration).IsLocalhost)
        {
            // Embedded default: a one-machine cluster, no membership server. Silos with a port
            // offset join the one on the base port, which keeps the membership.
            var basePort = configuration.GetValue("Orleans:Endpoints:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
            var primary = basePort == endpoints.SiloPort ? null : new IPEndPoint(IPAddress.Loopback, basePort);
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, primary, serviceId, clusterId);
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
            silo.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = endpoints.SiloPort;
                options.GatewayPort = endpoints.GatewayPort;
                if (configuration["Orleans:Endpoints:AdvertisedIPAddress"] is { Length: > 0 } advertised)
                {
                    options.AdvertisedIPAddress = IPAddress.Parse(advertised);
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
        // How long an idle grain stays activated (Orleans' default: 15 min); operators with many
        // items played once may want it shorter, so idle grains give their memory back sooner.
        silo.Configure<GrainCollectionOptions>(configuration.GetSection("Orleans:GrainCollection"));

        // Validated at start like every option; read here because Orleans is configured before DI runs.
        var clusterTls = configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (new SectionOptionsValidator<ClusterTlsOptions>(ClusterTlsOptions.Section).Validate(null, clusterTls) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(ClusterTlsOptions.Section, typeof(ClusterTlsOptions), invalid.Failures);
        }

        silo.UseClusterTls(clusterTls);
        if (configuration.GetValue($"{AdminOptions.Section}:{nameof(AdminOptions.Dashboard)}", true))
        {
            // Its trace (live log) feature stays off: the log is for operators' files, not a page.
            silo.AddDashboard(dashboard => dashboard.HideTrace = true);
        }
    }

    private static string DataDirectory(IServiceProvider services, string child) =>
        Path.GetFullPath(Path.Combine(services.GetRequiredService<IOptions<MediaOptions>>().Value.DataPath, child));
}
