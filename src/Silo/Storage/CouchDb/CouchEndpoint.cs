using System.Net.Http.Headers;
using System.Text;
using MediaOrleans.Silo.Configuration;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// Where CouchDB is and how to authenticate, taken apart from the configured URL: the address
/// used for requests never carries credentials, so neither request logs nor exception messages can.
/// </summary>
/// <param name="BaseAddress">Server root without user information.</param>
/// <param name="Authorization">Basic credentials, if any were configured.</param>
public sealed record CouchEndpoint(Uri BaseAddress, AuthenticationHeaderValue? Authorization)
{
    /// <summary>The server address as it may be logged (scheme, host, port).</summary>
    public string Display => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Reads <see cref="CouchDbOptions.Url"/> and the separate credentials, which win over the URL's.</summary>
    public static CouchEndpoint From(CouchDbOptions options)
    {
        var url = new Uri(options.Url ?? throw new InvalidOperationException("Media:CouchDb:Url is not set"), UriKind.Absolute);
        var (user, password) = UriCredentials.Of(url);
        user = string.IsNullOrEmpty(options.Username) ? user : options.Username;
        password = options.Password ?? password;
        var root = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Path = "/" }.Uri;
        var authorization = string.IsNullOrEmpty(user)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return new CouchEndpoint(root, authorization);
    }
}
