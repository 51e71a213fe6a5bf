using System.Buffers;
using System.Globalization;
using System.Text;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// Parses a SHOUT/HTTP request head: bytes in, a head (and how many bytes it took), "need more",
/// or a rejection reason out. Pure and allocation-light; the connection loop owns I/O and time.
/// The byte limit is enforced by looking at no more than <see cref="ShoutParserLimits.MaxHeadBytes"/>
/// bytes, so a client cannot make the parser scan an unbounded buffer. Bad lines are refused as
/// soon as they are complete, before the rest of the head arrives.
/// </summary>
public static class ShoutRequestParser
{
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Parses the head at the start of <paramref name="buffer"/>.</summary>
    public static ShoutParseResult Parse(in ReadOnlySequence<byte> buffer, ShoutParserLimits limits)
    {
        var windowLength = (int)Math.Min(buffer.Length, limits.MaxHeadBytes);
        if (buffer.IsSingleSegment)
        {
            return Parse(buffer.FirstSpan[..windowLength], buffer.Length, limits);
        }

        var rented = ArrayPool<byte>.Shared.Rent(windowLength);
        try
        {
            buffer.Slice(0, windowLength).CopyTo(rented);
            return Parse(rented.AsSpan(0, windowLength), buffer.Length, limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ShoutParseResult Parse(ReadOnlySpan<byte> window, long available, ShoutParserLimits limits)
    {
        ShoutMethod method = default;
        string? target = null;
        var isHttp11 = false;
        var headers = new List<KeyValuePair<string, string>>();
        var position = 0;
        while (true)
        {
            var newline = window[position..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                // No room left for the rest of the head inside the limit: it can never complete.
                return available >= limits.MaxHeadBytes
                    ? ShoutParseResult.Reject(ShoutRejection.HeadTooLarge)
                    : ShoutParseResult.Incomplete;
            }

            var line = window.Slice(position, newline);
            position += newline + 1;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (target is null)
            {
                // Empty lines before the request line are tolerated (RFC 9112 section 2.2).
                if (line.IsEmpty)
                {
                    continue;
                }

                var rejection = ParseRequestLine(line, out method, out target, out isHttp11);
                if (rejection != ShoutRejection.None)
                {
                    return ShoutParseResult.Reject(rejection);
                }
            }
            else if (line.IsEmpty)
            {
                return Complete(method, target, isHttp11, headers, position);
            }
            else
            {
                if (headers.Count == limits.MaxHeaderCount)
                {
                    return ShoutParseResult.Reject(ShoutRejection.TooManyHeaders);
                }

                if (!TryParseHeader(line, out var header))
                {
                    return ShoutParseResult.Reject(ShoutRejection.MalformedHeader);
                }

                headers.Add(header);
            }
        }
    }

    private static ShoutParseResult Complete(ShoutMethod method, string target, bool isHttp11,
        List<KeyValuePair<string, string>> headers, int consumed)
    {
        long? contentLength = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                return ShoutParseResult.Reject(ShoutRejection.UnsupportedTransferEncoding);
            }

            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    || (contentLength is { } earlier && earlier != length))
                {
                    return ShoutParseResult.Reject(ShoutRejection.InvalidContentLength);
                }

                contentLength = length;
            }
        }

        var head = new ShoutRequestHead(method, target, isHttp11, headers, contentLength);
        return new ShoutParseResult(ShoutParseStatus.Complete, head, ShoutRejection.None, consumed);
    }

    private static ShoutRejection ParseRequestLine(ReadOnlySpan<byte> line, out ShoutMethod method, out string? target, out bool isHttp11)
    {
        method = default;
        target = null;
        isHttp11 = false;
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return ShoutRejection.MalformedRequestLine;
        }

        var methodBytes = line[..firstSpace];
        var targetBytes = line[(firstSpace + 1)..lastSpace];
        var versionBytes = line[(lastSpace + 1)..];
        if (methodBytes.ContainsAnyExcept(TokenBytes) || targetBytes.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
        {
            return ShoutRejection.MalformedRequestLine;
        }

        if (versionBytes.SequenceEqual("HTTP/1.1"u8))
        {
            isHttp11 = true;
        }
        else if (!versionBytes.SequenceEqual("HTTP/1.0"u8))
        {
            return IsHttpVersion(versionBytes) ? ShoutRejection.UnsupportedVersion : ShoutRejection.MalformedRequestLine;
        }

        ShoutMethod? known = methodBytes switch
        {
            _ when methodBytes.SequenceEqual("GET"u8) => ShoutMethod.Get,
            _ when methodBytes.SequenceEqual("HEAD"u8) => ShoutMethod.Head,
            _ when methodBytes.SequenceEqual("OPTIONS"u8) => ShoutMethod.Options,
            _ when methodBytes.SequenceEqual("SOURCE"u8) => ShoutMethod.Source,
            _ when methodBytes.SequenceEqual("PUT"u8) => ShoutMethod.Put,
            _ => null,
        };
        if (known is null)
        {
            return ShoutRejection.MethodNotAllowed;
        }

        var isAsterisk = targetBytes.SequenceEqual("*"u8);
        if (isAsterisk ? known != ShoutMethod.Options : targetBytes[0] != '/')
        {
            return ShoutRejection.MalformedRequestLine;
        }

        method = known.Value;
        target = Encoding.ASCII.GetString(targetBytes);
        return ShoutRejection.None;
    }

    private static bool IsHttpVersion(ReadOnlySpan<byte> version) =>
        version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5])
        && version[6] == '.' && char.IsAsciiDigit((char)version[7]);

    private static bool TryParseHeader(ReadOnlySpan<byte> line, out KeyValuePair<string, string> header)
    {
        header = default;
        var colon = line.IndexOf((byte)':');
        // An empty name, whitespace before the colon, or a folded continuation line is refused.
        if (colon <= 0 || line[..colon].ContainsAnyExcept(TokenBytes))
        {
            return false;
        }

        var value = line[(colon + 1)..].Trim(" \t"u8);
        foreach (var b in value)
        {
            if (b < 0x20 && b != '\t' || b == 0x7F)
            {
                return false;
            }
        }

        header = new(Encoding.ASCII.GetString(line[..colon]), Encoding.Latin1.GetString(value));
        return true;
    }
}
