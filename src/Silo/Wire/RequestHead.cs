namespace MediaOrleans.Silo.Wire;

/// <summary>A parsed request head. Header names compare case-insensitively.</summary>
public sealed class RequestHead(
    RequestMethod method,
    string methodName,
    string target,
    bool isHttp11,
    IReadOnlyList<KeyValuePair<string, string>> headers,
    long? contentLength,
    bool hasTransferEncoding = false)
{
    /// <summary>The method.</summary>
    public RequestMethod Method { get; } = method;

    /// <summary>The method token as sent.</summary>
    public string MethodName { get; } = methodName;

    /// <summary>The request target as sent (a path, or <c>*</c> for OPTIONS).</summary>
    public string Target { get; } = target;

    /// <summary>The target's path without query, percent-decoded (libshout percent-encodes mounts).</summary>
    public string Path => RequestTargets.PathOf(Target);

    /// <summary>HTTP/1.1 rather than HTTP/1.0.</summary>
    public bool IsHttp11 { get; } = isHttp11;

    /// <summary>Header lines in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    /// <summary>Content-Length, if sent.</summary>
    public long? ContentLength { get; } = contentLength;

    /// <summary>Whether a Transfer-Encoding header was sent (the body's end is then not given by a length).</summary>
    public bool HasTransferEncoding { get; } = hasTransferEncoding;

    /// <summary>Whether a body follows the head (a non-zero Content-Length or a Transfer-Encoding).</summary>
    public bool HasBody => HasTransferEncoding || ContentLength is > 0;

    /// <summary>The first value of header <paramref name="name"/>, or <c>null</c>.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in Headers)
            {
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Whether the client keeps the connection for another request: HTTP/1.1 unless
    /// <c>Connection: close</c>; HTTP/1.0 only with <c>Connection: keep-alive</c> (libshout sends it).
    /// </summary>
    public bool KeepAlive
    {
        get
        {
            var connection = this["Connection"];
            bool Has(string token) => connection?.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase)) == true;
            return IsHttp11 ? !Has("close") : Has("keep-alive");
        }
    }
}
