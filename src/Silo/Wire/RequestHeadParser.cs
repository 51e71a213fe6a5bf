using System.Buffers;
using System.Globalization;
using System.Text;

namespace MediaOrleans.Silo.Wire;

/// <summary>
/// Parses an HTTP/1.x request head, for both listeners (SHOUT's source and playback requests are
/// HTTP/1.0 or 1.1 requests with their own methods): bytes in, a head (and how many bytes it
/// took), "need more", or a rejection reason out. Pure and allocation-light; the connection loop
/// owns I/O and time, and each listener decides which methods and bodies it serves. The byte limit
/// is enforced by looking at no more than <see cref="HeadLimits.MaxHeadBytes"/> bytes, so a client
/// cannot make the parser scan an unbounded buffer. Bad lines are refused as soon as they are
/// complete, before the rest of the head arrives.
/// </summary>
public static class RequestHeadParser
{
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Indexed by RequestMethod, so known methods cost no string allocation per request.
    private static readonly string[] MethodNames = ["", "GET", "HEAD", "OPTIONS", "SOURCE", "PUT", "POST", "DELETE"];

    /// <summary>Parses the head at the start of <paramref name="buffer"/>.</summary>
    public static HeadParseResult Parse(in ReadOnlySequence<byte> buffer, HeadLimits limits)
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

    private static HeadParseResult Parse(ReadOnlySpan<byte> window, long available, HeadLimits limits)
    {
        RequestMethod method = default;
        var methodName = string.Empty;
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
                    ? HeadParseResult.Reject(HeadRejection.HeadTooLarge)
                    : HeadParseResult.Incomplete;
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

                var rejection = ParseRequestLine(line, out method, out methodName, out target, out isHttp11);
                if (rejection != HeadRejection.None)
                {
                    return HeadParseResult.Reject(rejection);
                }
            }
            else if (line.IsEmpty)
            {
                return Complete(method, methodName, target, isHttp11, headers, position);
            }
            else
            {
                if (headers.Count == limits.MaxHeaderCount)
                {
                    return HeadParseResult.Reject(HeadRejection.TooManyHeaders);
                }

                if (!TryParseHeader(line, out var header))
                {
                    return HeadParseResult.Reject(HeadRejection.MalformedHeader);
                }

                headers.Add(header);
            }
        }
    }

    private static HeadParseResult Complete(RequestMethod method, string methodName, string target, bool isHttp11,
        List<KeyValuePair<string, string>> headers, int consumed)
    {
        long? contentLength = null;
        var transferEncoding = false;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                transferEncoding = true;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    || (contentLength is { } earlier && earlier != length))
                {
                    return HeadParseResult.Reject(HeadRejection.InvalidContentLength);
                }

                contentLength = length;
            }
        }

        var head = new RequestHead(method, methodName, target, isHttp11, headers, contentLength, transferEncoding);
        return new HeadParseResult(HeadParseStatus.Complete, head, HeadRejection.None, consumed);
    }

    private static HeadRejection ParseRequestLine(ReadOnlySpan<byte> line, out RequestMethod method, out string methodName,
        out string? target, out bool isHttp11)
    {
        method = default;
        methodName = string.Empty;
        target = null;
        isHttp11 = false;
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return HeadRejection.MalformedRequestLine;
        }

        var methodBytes = line[..firstSpace];
        var targetBytes = line[(firstSpace + 1)..lastSpace];
        var versionBytes = line[(lastSpace + 1)..];
        if (methodBytes.ContainsAnyExcept(TokenBytes) || targetBytes.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
        {
            return HeadRejection.MalformedRequestLine;
        }

        if (versionBytes.SequenceEqual("HTTP/1.1"u8))
        {
            isHttp11 = true;
        }
        else if (!versionBytes.SequenceEqual("HTTP/1.0"u8))
        {
            return IsHttpVersion(versionBytes) ? HeadRejection.UnsupportedVersion : HeadRejection.MalformedRequestLine;
        }

        // Methods are case-sensitive (RFC 9110 section 9.1): "get" is some other method.
        method = methodBytes switch
        {
            _ when methodBytes.SequenceEqual("GET"u8) => RequestMethod.Get,
            _ when methodBytes.SequenceEqual("HEAD"u8) => RequestMethod.Head,
            _ when methodBytes.SequenceEqual("OPTIONS"u8) => RequestMethod.Options,
            _ when methodBytes.SequenceEqual("SOURCE"u8) => RequestMethod.Source,
            _ when methodBytes.SequenceEqual("PUT"u8) => RequestMethod.Put,
            _ when methodBytes.SequenceEqual("POST"u8) => RequestMethod.Post,
            _ when methodBytes.SequenceEqual("DELETE"u8) => RequestMethod.Delete,
            _ => RequestMethod.Other,
        };

        // Origin form ("/path") for every method, the asterisk form only for OPTIONS (RFC 9112 section 3.2).
        var isAsterisk = targetBytes.SequenceEqual("*"u8);
        if (isAsterisk ? method != RequestMethod.Options : targetBytes[0] != '/')
        {
            return HeadRejection.MalformedRequestLine;
        }

        methodName = method == RequestMethod.Other ? Encoding.ASCII.GetString(methodBytes) : MethodNames[(int)method];
        target = Encoding.ASCII.GetString(targetBytes);
        return HeadRejection.None;
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
