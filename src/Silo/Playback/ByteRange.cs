using System.Globalization;

namespace MediaOrleans.Silo.Playback;

/// <summary>One byte range of a body: <paramref name="From"/> and <paramref name="Length"/> bytes on.</summary>
public readonly record struct ByteRange(long From, long Length)
{
    /// <summary>One past the last byte.</summary>
    public long To => From + Length;

    /// <summary>
    /// What a <c>Range</c> header asks of a body of <paramref name="bodyLength"/> bytes (RFC 9110
    /// section 14.1.2): <c>null</c> for the whole body (no header, another unit, several ranges,
    /// or a malformed one: all answered with 200), <see cref="Unsatisfiable"/> when no byte of it
    /// exists (416), otherwise the one range, clipped to the body.
    /// </summary>
    public static ByteRange? Parse(string? header, long bodyLength)
    {
        const string unit = "bytes=";
        if (header is null || !header.StartsWith(unit, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[unit.Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // "-n": the last n bytes.
            if (!TryNumber(last, out var suffix))
            {
                return null;
            }

            return suffix == 0 || bodyLength == 0 ? Unsatisfiable : new ByteRange(Math.Max(0, bodyLength - suffix), Math.Min(suffix, bodyLength));
        }

        if (!TryNumber(first, out var from))
        {
            return null;
        }

        long end;
        if (last.Length == 0)
        {
            end = bodyLength - 1;
        }
        else if (!TryNumber(last, out end) || end < from)
        {
            return null;
        }

        return from >= bodyLength ? Unsatisfiable : new ByteRange(from, Math.Min(end, bodyLength - 1) - from + 1);
    }

    /// <summary>A range no byte of the body satisfies (416).</summary>
    public static ByteRange Unsatisfiable { get; } = new(-1, 0);

    /// <summary>Whether this is <see cref="Unsatisfiable"/>.</summary>
    public bool IsUnsatisfiable => From < 0;

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
