using System.Text;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Mutated JSON bodies for the admin API (<c>/api/streams</c>, <c>/api/recordings</c>, a
/// recording's <c>/store</c>) with honest framing, so the body parser and the rules behind it
/// are what is tried.
/// </summary>
public sealed class AdminJson(Target target) : IFamily
{
    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-32", "", "application/json\0"];

    public string Name => "admin-json";

    public Task<Outcome> SendAsync(Random random, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var (path, body) = random.Next(3) switch
        {
            0 => ("/api/streams", StreamBody(random)),
            1 => ("/api/recordings", RecordingBody(random)),
            _ => ($"/api/recordings/fuzz/rec-{target.Settings.Seed}-{random.Next(16)}/store", StoreBody(random)),
        };
        var bytes = random.Next(3) == 0 ? Encoding.UTF8.GetBytes(body) : Mutator.Mutate(random, Encoding.UTF8.GetBytes(body));
        if (Encoding.UTF8.GetString(bytes).Contains(Target.ControlPrefix, StringComparison.Ordinal) && !path.EndsWith("streams", StringComparison.Ordinal))
        {
            // Nothing may be stored over the control items.
            bytes = Encoding.UTF8.GetBytes(body.Replace(Target.ControlPrefix, "fuzz/j/", StringComparison.Ordinal));
        }

        var contentType = random.Next(4) == 0 ? Mutator.Pick(random, ContentTypes) : "application/json";
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{target.AuthorizationLine}"
                   + (contentType.Length > 0 ? $"Content-Type: {contentType}\r\n" : string.Empty)
                   + $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        return RawExchange.SendAsync(target.Settings.HttpPort, (byte[])[.. Encoding.UTF8.GetBytes(head), .. bytes], deadline, cancellationToken);
    }

    private static string StreamBody(Random random)
    {
        var name = Mutator.Pick(random, ["fuzz-control/tone", "fuzz-control/silence", "fuzz/u/" + random.Next(32), "/system_media/x", "", "a/../b", new string('a', 300)]);
        var fields = new List<string> { $"\"mediaName\":\"{name}\"" };
        if (random.Next(2) == 0)
        {
            fields.Add($"\"protocol\":\"{Mutator.Pick(random, ["http", "shout", "https", "ftp", "", "HTTP"])}\"");
        }

        if (random.Next(2) == 0)
        {
            fields.Add($"\"format\":\"{Mutator.Pick(random, ["wav", "mp3", "ogg", "", "WAV"])}\"");
        }

        if (random.Next(2) == 0)
        {
            fields.Add($"\"rate\":{Mutator.Pick(random, ["8000", "16000", "48000", "0", "-1", "1e9", "\"8000\"", "null", "44100.5", "2147483648"])}");
        }

        if (random.Next(4) == 0)
        {
            fields.Add($"\"streamType\":\"{Mutator.Pick(random, ["new", "extant", "live", ""])}\"");
        }

        return "{" + string.Join(',', fields) + "}";
    }

    private static string RecordingBody(Random random) => random.Next(5) switch
    {
        0 => string.Empty,
        1 => "{}",
        2 => $"{{\"maxSeconds\":{Mutator.Pick(random, ["1", "0", "-5", "86400", "99999999999", "null", "\"60\""])}}}",
        _ => $"{{\"name\":\"{Mutator.Pick(random, ["fuzz/r/" + random.Next(64), "fuzz/r/c.mp3/d", "fuzz/r/c.json/d", "fuzz/r/c", ".x", "a//b", "@item", "x/@item"])}\",\"maxSeconds\":5}}",
    };

    private static string StoreBody(Random random) =>
        $"{{\"mediaName\":\"{Mutator.Pick(random, ["fuzz/s/" + random.Next(32), "fuzz/s/a.media/b", "", "../x", "x/@item"])}\"}}";
}
