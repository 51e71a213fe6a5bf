using System.Collections.Concurrent;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// This silo's followers of CouchDB <c>_changes</c> feeds: one per database, for the configured
/// databases from the start and for every database of an item a grain on this silo has loaded.
/// A change of a watched document is passed to its grains (<see cref="IMediaFileGrain.RefreshAsync"/>),
/// which Orleans routes to the one activation wherever it runs.
/// </summary>
public sealed class CouchChangeFeed(
    CouchClient couch,
    CouchEndpoint endpoint,
    IGrainFactory grains,
    IOptions<CouchDbOptions> options,
    ILogger<CouchChangeFeed> logger) : IHostedService, IDisposable
{
    private readonly CouchDbOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, CouchDatabaseFollower> _followers = new();
    private readonly ConcurrentDictionary<string, (string Database, string Document)> _watched = new();
    private readonly ConcurrentDictionary<(string Database, string Document), ConcurrentDictionary<string, byte>> _byDocument = new();

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        CouchDbLog.Using(logger, endpoint.Display, _options.SystemDatabase);
        // Not awaited: a store that is down at start is followed once it is up.
        foreach (var database in _options.FollowedDatabases)
        {
            _ = StartFollowingAsync(database);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_followers.Values.Select(follower => follower.Running)).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// Reports changes of <paramref name="database"/>/<paramref name="document"/> to the grain
    /// <paramref name="name"/> from now on: returns once the database's feed has a position from
    /// before this call, so no later change is missed.
    /// </summary>
    public async Task WatchAsync(string name, string database, string document, CancellationToken cancellationToken)
    {
        if (_watched.TryGetValue(name, out var previous) && previous != (database, document))
        {
            Unwatch(name);
        }

        _watched[name] = (database, document);
        _byDocument.GetOrAdd((database, document), _ => new ConcurrentDictionary<string, byte>())[name] = 0;
        await Follower(database).StartAsync(cancellationToken);
    }

    /// <summary>Stops reporting changes to the grain <paramref name="name"/>.</summary>
    public void Unwatch(string name)
    {
        if (_watched.TryRemove(name, out var location) && _byDocument.TryGetValue(location, out var names))
        {
            names.TryRemove(name, out _);
        }
    }

    // A configured database is followed from the start, or from when CouchDB is first reachable.
    private async Task StartFollowingAsync(string database)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Follower(database).StartAsync(_stopping.Token);
                return;
            }
            catch (MediaStoreUnavailableException)
            {
                await Task.Delay(backoff, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(_options.ChangesMaxBackoffSeconds).Ticks));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private CouchDatabaseFollower Follower(string database) =>
        _followers.GetOrAdd(database, db => new CouchDatabaseFollower(db, couch, _options, OnChangedAsync, logger, _stopping.Token));

    private async Task OnChangedAsync(string database, IReadOnlyList<string> documents)
    {
        var refreshes = new List<Task>();
        foreach (var document in documents)
        {
            if (_byDocument.TryGetValue((database, document), out var names) && !names.IsEmpty)
            {
                CouchDbLog.Changed(logger, database, document, names.Count);
                refreshes.AddRange(names.Keys.Select(RefreshAsync));
            }
        }

        await Task.WhenAll(refreshes);
    }

    private async Task RefreshAsync(string name)
    {
        try
        {
            await grains.GetGrain<IMediaFileGrain>(name).RefreshAsync();
        }
#pragma warning disable CA1031 // One grain that cannot be told must not stop the feed; it reads the store when it is next used.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CouchDbLog.RefreshFailed(logger, name, ex.Message);
        }
    }
}
