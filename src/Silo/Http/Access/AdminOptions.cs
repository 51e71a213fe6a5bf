namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// Who may call the admin API, and where it listens, bound from <c>Media:Admin</c>. Checked at
/// start by <see cref="AdminOptionsValidator"/>, which never echoes a secret.
/// </summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Admin";

    /// <summary>
    /// API keys by name (<c>Media:Admin:ApiKeys:&lt;name&gt;:Secret</c> and <c>:Role</c>). With none
    /// configured the admin API answers loopback callers only.
    /// </summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A port of its own for the admin API (<c>Media:PortOffset</c> added). When set, the admin
    /// API is served there and no longer on the HTTP listener, which keeps playback only.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>How long a browser session (the admin page's login cookie) lasts, in minutes.</summary>
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Whether the Orleans dashboard is served under <c>/dashboard</c> (role admin).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Address the admin port binds to (default <c>Media:ListenAddress</c>).</summary>
    public string? ListenAddress { get; set; }
}

/// <summary>One API key: its secret (or <c>sha256:&lt;hex&gt;</c> of it) and its role.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The key callers send as <c>Authorization: Bearer &lt;key&gt;</c>, or <c>sha256:</c> and its SHA-256 in hex.</summary>
    public string? Secret { get; set; }

    /// <summary><c>reader</c>, <c>writer</c> or <c>admin</c>.</summary>
    public string? Role { get; set; }
}
