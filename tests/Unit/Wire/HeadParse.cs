using System.Buffers;
using System.Globalization;
using System.Text;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>Shorthands for feeding text to the parser and comparing outcomes.</summary>
internal static class HeadParse
{
    /// <summary>The listener's defaults (ShoutOptions: 8 KiB, 64 headers).</summary>
    public static readonly HeadLimits DefaultLimits = new(8192, 64);

    /// <summary>Bytes of <paramref name="text"/>, one byte per char (so "\x01" and "\xE9" are single bytes).</summary>
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static HeadParseResult Parse(string text) => Parse(Bytes(text), DefaultLimits);

    public static HeadParseResult Parse(byte[] bytes) => Parse(bytes, DefaultLimits);

    public static HeadParseResult Parse(byte[] bytes, HeadLimits limits) =>
        RequestHeadParser.Parse(new ReadOnlySequence<byte>(bytes), limits);

    public static HeadParseResult Parse(ReadOnlySequence<byte> sequence) =>
        RequestHeadParser.Parse(sequence, DefaultLimits);

    /// <summary>The head of a result that must be complete.</summary>
    public static RequestHead Head(HeadParseResult result)
    {
        Assert.Equal(HeadParseStatus.Complete, result.Status);
        Assert.NotNull(result.Head);
        return result.Head;
    }

    /// <summary>Everything observable about a result, for comparing two parses.</summary>
    public static string Describe(HeadParseResult result)
    {
        var head = result.Head;
        var headers = head is null ? string.Empty : string.Join("|", head.Headers.Select(h => h.Key + ":" + h.Value));
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Status} {result.Rejection} consumed={result.Consumed} {head?.Method} {head?.Target} http11={head?.IsHttp11} length={head?.ContentLength} [{headers}]");
    }
}
