using Microsoft.Extensions.Logging;

namespace MediaOrleans.Silo.Tls;

/// <summary>TLS certificate log messages (event ids 8500-8599). Keys are never logged.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(8500, LogLevel.Information, "TLS certificate {Subject} (valid until {NotAfter:u}) {Action}")]
    public static partial void CertificateLoaded(ILogger logger, string subject, DateTime notAfter, string action);

    [LoggerMessage(8501, LogLevel.Warning, "TLS certificate files {Path} changed but cannot be loaded, the previous certificate stays: {Message}")]
    public static partial void ReloadFailed(ILogger logger, string path, string message);
}
