using System.Buffers;
using System.Globalization;
using System.Text;
using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

/// <summary>Shorthands for feeding text to the parser and comparing outcomes.</summary>
internal static class ShoutParse
{
    /// <summary>The listener's defaults (ShoutOptions: 8 KiB, 64 headers).</summary>
    public static readonly ShoutParserLimits DefaultLimits = new(8192, 64);

    /// <summary>Bytes of <paramref name="text"/>, one byte per char (so "\x01" and "\xE9" are single bytes).</summary>
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static ShoutParseResult Parse(string text) => Parse(Bytes(text), DefaultLimits);

    public static ShoutParseResult Parse(byte[] bytes) => Parse(bytes, DefaultLimits);

    public static ShoutParseResult Parse(byte[] bytes, ShoutParserLimits limits) =>
        ShoutRequestParser.Parse(new ReadOnlySequence<byte>(bytes), limits);

    public static ShoutParseResult Parse(ReadOnlySequence<byte> sequence) =>
        ShoutRequestParser.Parse(sequence, DefaultLimits);

    /// <summary>The head of a result that must be complete.</summary>
    public static ShoutRequestHead Head(ShoutParseResult result)
    {
        Assert.Equal(ShoutParseStatus.Complete, result.Status);
        Assert.NotNull(result.Head);
        return result.Head;
    }

    /// <summary>Everything observable about a result, for comparing two parses.</summary>
    public static string Describe(ShoutParseResult result)
    {
        var head = result.Head;
        var headers = head is null ? string.Empty : string.Join("|", head.Headers.Select(h => h.Key + ":" + h.Value));
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Status} {result.Rejection} consumed={result.Consumed} {head?.Method} {head?.Target} http11={head?.IsHttp11} length={head?.ContentLength} [{headers}]");
    }
}
