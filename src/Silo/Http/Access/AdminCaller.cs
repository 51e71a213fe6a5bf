namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// Who an admitted admin API request comes from: the API key's name (or <c>loopback</c> when no
/// key is configured) and its role. Handlers read it to shape answers by role.
/// </summary>
public sealed record AdminCaller(string Name, AdminRole Role)
{
    private static readonly object Key = new();

    /// <summary>The caller of a loopback request on a silo with no API key.</summary>
    public static AdminCaller Loopback { get; } = new("loopback", AdminRole.Admin);

    /// <summary>Whether this caller may play recordings (and so gets their review URLs).</summary>
    public bool MayPlayRecordings => Role >= AdminRole.Writer;

    /// <summary>The caller admitted for <paramref name="context"/>.</summary>
    public static AdminCaller Of(HttpContext context) =>
        context.Items[Key] as AdminCaller ?? throw new InvalidOperationException("admin route mapped without an access rule");

    internal void AttachTo(HttpContext context) => context.Items[Key] = this;
}
