using System.Globalization;

namespace MediaOrleans.Silo.Wire;

/// <summary>The <c>Date</c> header value (RFC 1123), formatted once per second rather than per response.</summary>
internal static class HttpDate
{
    // A reference swap is atomic; a (long, string) struct field could be read half-written.
    private static Stamp _current = new(0, string.Empty);

    /// <summary>Now, as an HTTP date.</summary>
    public static string Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var current = _current;
        if (current.Second != second)
        {
            current = new Stamp(second, now.ToString("r", CultureInfo.InvariantCulture));
            _current = current;
        }

        return current.Text;
    }

    private sealed record Stamp(long Second, string Text);
}
