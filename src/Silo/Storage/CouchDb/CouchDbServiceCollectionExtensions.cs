using MediaOrleans.Grains.Storage;
using MediaOrleans.Silo.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>Registers the CouchDB media store, its HTTP clients with retries, and the changes feed.</summary>
public static class CouchDbServiceCollectionExtensions
{
    /// <summary>Uses CouchDB (<c>Media:CouchDb</c>) as the media store.</summary>
    public static IServiceCollection AddCouchDbMediaStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CouchDbOptions>(configuration, CouchDbOptions.Section);
        services.AddSingleton(sp => CouchEndpoint.From(sp.GetRequiredService<IOptions<CouchDbOptions>>().Value));

        services.AddHttpClient(CouchClient.HttpClientName, ConfigureClient)
            .AddResilienceHandler("couchdb", ConfigureRetries);
        services.AddHttpClient(CouchClient.ChangesClientName, ConfigureClient);

        services.AddSingleton<CouchClient>();
        services.AddSingleton<CouchChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<CouchChangeFeed>());
        services.AddSingleton<CouchMediaStore>();
        services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<CouchMediaStore>());
        services.AddSingleton<IMediaCatalog>(sp => sp.GetRequiredService<CouchMediaStore>());
        services.AddSingleton<IStoreProbe, CouchStoreProbe>();
        return services;
    }

    // Credentials go in a header, never into the address: nothing that logs URLs can leak them.
    private static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        var endpoint = services.GetRequiredService<CouchEndpoint>();
        client.BaseAddress = endpoint.BaseAddress;
        client.DefaultRequestHeaders.Authorization = endpoint.Authorization;
        // Attachments stream for as long as they take; the resilience pipeline bounds each attempt.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    // Retries with exponential backoff and jitter on connection failures, 5xx, 408 and 429; each
    // attempt bounded until its response head arrives (bodies then stream without a deadline).
    private static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<CouchDbOptions>>().Value;
        var attempt = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(attempt);
    }
}
