using System.Reflection;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Who this silo is on the bus: the <c>Server-ID</c>, <c>App-Name</c> and <c>App-Version</c> of
/// its replies. The Server-ID names the silo that answered (and is its queue in PerSilo mode).
/// </summary>
public sealed class BusIdentity(IOptions<BusOptions> options)
{
    /// <summary>This silo's <c>Server-ID</c>.</summary>
    public string ServerId { get; } = string.IsNullOrEmpty(options.Value.ServerId) ? DefaultServerId() : options.Value.ServerId;

    /// <summary>The <c>App-Name</c> of replies.</summary>
    public string AppName { get; } = options.Value.AppName;

    /// <summary>The <c>App-Version</c> of replies: the silo's version without build metadata.</summary>
    public string AppVersion { get; } = Version();

    private static string DefaultServerId()
    {
        var host = new string(Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());
        return $"mediaorleans-{(host.Length == 0 ? "silo" : host)}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}";
    }

    private static string Version()
    {
        var version = typeof(BusIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
