using System.Globalization;
using System.Text;

namespace MediaOrleans.Silo.Wire;

/// <summary>
/// Writes a response head for either listener: the status line (with the one reason table), the
/// header lines in the order given, and the blank line. Both listeners answer connection reuse
/// with <see cref="Connection"/>, the one keep-alive rule.
/// </summary>
public sealed class ResponseHead
{
    private readonly StringBuilder _text = new(256);

    /// <summary>Starts a head with the status line <c>HTTP/1.x status reason</c>.</summary>
    public ResponseHead(int status, bool http11 = true)
    {
        _text.Append(http11 ? "HTTP/1.1 " : "HTTP/1.0 ").Append(status.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(ReasonPhrases.For(status)).Append("\r\n");
    }

    /// <summary>Adds <c>name: value</c>.</summary>
    public ResponseHead Header(string name, string value)
    {
        _text.Append(name).Append(": ").Append(value).Append("\r\n");
        return this;
    }

    /// <summary>Adds <c>name: value</c> for a number.</summary>
    public ResponseHead Header(string name, long value) => Header(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds header lines already formatted (each ending in CRLF).</summary>
    public ResponseHead Lines(string? lines)
    {
        _text.Append(lines);
        return this;
    }

    /// <summary>
    /// Says whether the connection stays open: <c>Connection: close</c> when it does not; for an
    /// HTTP/1.0 client that asked to keep it (libshout does), <c>Connection: keep-alive</c>, without
    /// which it would close; nothing for HTTP/1.1, where reuse is the default.
    /// </summary>
    public ResponseHead Connection(bool keepAlive, bool clientHttp11)
    {
        if (!keepAlive)
        {
            return Header("Connection", "close");
        }

        return clientHttp11 ? this : Header("Connection", "keep-alive");
    }

    /// <summary>The head as bytes, ended by the blank line.</summary>
    public byte[] ToBytes() => Encoding.ASCII.GetBytes(_text.Append("\r\n").ToString());
}
