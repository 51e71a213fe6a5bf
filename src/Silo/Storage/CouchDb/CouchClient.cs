using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaOrleans.Interfaces;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// The CouchDB HTTP calls the media store makes, over <see cref="IHttpClientFactory"/> clients
/// with retries (see <see cref="CouchDbServiceCollectionExtensions"/>). Transport failures, 5xx
/// after the retries and refused credentials become <see cref="MediaStoreUnavailableException"/>;
/// 404 is an answer (<c>null</c> or <c>false</c>), 409 a <see cref="CouchConflictException"/>.
/// </summary>
public sealed class CouchClient(IHttpClientFactory clients, CouchEndpoint endpoint, ILogger<CouchClient> logger)
{
    /// <summary>Client for ordinary requests: retries with backoff, per-attempt timeout.</summary>
    public const string HttpClientName = "couchdb";

    /// <summary>Client for long polls of <c>_changes</c>: no retries or timeouts but the caller's.</summary>
    public const string ChangesClientName = "couchdb-changes";

    /// <summary>Whether <paramref name="database"/> exists (an invalid name does not).</summary>
    public async Task<bool> DatabaseExistsAsync(string database, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Path(database));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound or HttpStatusCode.BadRequest => false,
            _ => throw Unavailable(response.StatusCode),
        };
    }

    /// <summary>Creates <paramref name="database"/>; one that already exists is fine.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path(database));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.PreconditionFailed)
        {
            CouchDbLog.DatabaseCreated(logger, database);
            return;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{database}' is not a CouchDB database name");
        }

        throw Unavailable(response.StatusCode);
    }

    /// <summary>The document (at <paramref name="rev"/>, or the current one), or <c>null</c> if there is none.</summary>
    public async Task<JsonObject?> GetDocumentAsync(string database, string document, string? rev, CancellationToken cancellationToken)
    {
        var path = Path(database, document) + (rev is null ? string.Empty : "?rev=" + Uri.EscapeDataString(rev));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        EnsureSuccess(response);
        return (await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken))?.AsObject();
    }

    /// <summary>Writes <paramref name="body"/> (carrying its <c>_rev</c>, if not new) and answers the new revision.</summary>
    public async Task<string> PutDocumentAsync(string database, string document, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path(database, document)) { Content = JsonContent.Create(body) };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await RevisionAsync(response, cancellationToken);
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the attachment (creating the document if there is
    /// none and <paramref name="rev"/> is <c>null</c>) and answers the new revision.
    /// </summary>
    public async Task<string> PutAttachmentAsync(string database, string document, string attachment, string? rev, string contentType,
        ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = Path(database, document, attachment) + (rev is null ? string.Empty : "?rev=" + Uri.EscapeDataString(rev));
        using var body = new ReadOnlyMemoryContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = body };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await RevisionAsync(response, cancellationToken);
    }

    /// <summary>Opens the attachment at <paramref name="rev"/> as it streams in, or <c>null</c> if that revision is gone.</summary>
    public async Task<Stream?> OpenAttachmentAsync(string database, string document, string attachment, string rev,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(database, document, attachment) + "?rev=" + Uri.EscapeDataString(rev));
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            response.Dispose();
            return null;
        }

        try
        {
            EnsureSuccess(response);
            return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Ids of the database's documents (design documents left out); none if the database does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListDocumentIdsAsync(string database, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(database) + "/_all_docs");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return [];
        }

        EnsureSuccess(response);
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return [.. answer.RootElement.GetProperty("rows").EnumerateArray()
            .Select(row => row.GetProperty("id").GetString()!)
            .Where(id => !id.StartsWith("_design/", StringComparison.Ordinal))];
    }

    /// <summary>
    /// Deletes the document at <paramref name="rev"/> (or only its <paramref name="attachment"/>);
    /// false if it is not there. A stale revision throws <see cref="CouchConflictException"/>.
    /// </summary>
    public async Task<bool> DeleteAsync(string database, string document, string? attachment, string rev, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path(database, document, attachment) + "?rev=" + Uri.EscapeDataString(rev));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await RevisionAsync(response, cancellationToken);
        return true;
    }

    /// <summary>The database's current position in its changes feed; the feed's start if the database does not exist yet.</summary>
    public async Task<CouchSeq> GetUpdateSeqAsync(string database, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(database));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return CouchSeq.Start;
        }

        EnsureSuccess(response);
        using var info = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return (info.RootElement.TryGetProperty("update_seq", out var seq) ? CouchSeq.From(seq) : null) ?? CouchSeq.Start;
    }

    /// <summary>
    /// Asks the server root once, without retries (the changes client): null when it answered
    /// with this silo's credentials accepted, else what went wrong. Logs nothing: readiness probes
    /// ask often, and the store's own requests log its outages.
    /// </summary>
    public async Task<string?> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Empty);
        try
        {
            using var response = await clients.CreateClient(ChangesClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "refused the credentials",
                _ when response.IsSuccessStatusCode => null,
                var status => $"answered {(int)status}",
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return "is unreachable";
        }
    }

    /// <summary>
    /// One long poll of <c>_changes</c> after <paramref name="since"/>. Answers no documents when
    /// <paramref name="timeout"/> passes first (enforced here: pouchdb-server ignores <c>timeout=</c>).
    /// A database that does not exist (yet) throws <see cref="HttpRequestException"/> with 404.
    /// </summary>
    public async Task<CouchChanges> GetChangesAsync(string database, CouchSeq since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(5));
        var path = $"{Path(database)}/_changes?feed=longpoll&since={since.QueryValue}&timeout={(long)timeout.TotalMilliseconds}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        try
        {
            using var response = await clients.CreateClient(ChangesClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            response.EnsureSuccessStatusCode();
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(deadline.Token), cancellationToken: deadline.Token);
            return CouchChanges.Parse(answer.RootElement, since);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CouchChanges([], since);
        }
    }

    private static string Path(string database, string? document = null, string? attachment = null)
    {
        // Account databases contain '/', sent escaped as %2F (account%2Fxx%2Fyy%2Frest).
        var path = Uri.EscapeDataString(database);
        if (document is not null)
        {
            path += "/" + Uri.EscapeDataString(document);
        }

        if (attachment is not null)
        {
            path += "/" + Uri.EscapeDataString(attachment);
        }

        return path;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            var response = await clients.CreateClient(HttpClientName).SendAsync(request, completion, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                response.Dispose();
                CouchDbLog.CredentialsRefused(logger, endpoint.Display, (int)response.StatusCode);
                throw new MediaStoreUnavailableException("the media store refused its credentials");
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                       or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            CouchDbLog.Unreachable(logger, endpoint.Display, request.Method.Method, ex.Message);
            throw new MediaStoreUnavailableException("the media store is unreachable");
        }
    }

    private async Task<string> RevisionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CouchConflictException();
        }

        EnsureSuccess(response);
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return answer.RootElement.GetProperty("rev").GetString() ?? throw new FormatException("CouchDB answered no revision");
    }

    private void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw Unavailable(response.StatusCode);
        }
    }

    private MediaStoreUnavailableException Unavailable(HttpStatusCode status)
    {
        CouchDbLog.Failed(logger, endpoint.Display, (int)status);
        return new MediaStoreUnavailableException($"the media store answered {(int)status}");
    }

    // Keeps the response (and its connection) alive exactly as long as its body is read.
    private sealed class ResponseStream(HttpResponseMessage response, Stream body) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => body.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            body.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            body.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
