using System.Text;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Mutated HTTP request heads on the HTTP port: methods, targets (traversal encodings, signed
/// URLs tampered with), header floods, and smuggling shapes (Content-Length with
/// Transfer-Encoding, duplicate Content-Length, obfuscated chunked).
/// </summary>
public sealed class HttpHeads(Target target) : IFamily
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH", "SOURCE", "get", "G\0ET", "GETT", "", "PRI", "M-SEARCH"];

    private static readonly string[] Versions = ["HTTP/1.1", "HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/1.2", "HTTP/11", "http/1.1", "", "HTTP/1.1 extra"];

    private static readonly string[] Smuggling =
    [
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
        "Content-Length: 5\r\nContent-Length: 7\r\n",
        "Content-Length: 5, 5\r\n",
        "Content-Length: +5\r\n",
        "Content-Length: -1\r\n",
        "Content-Length: 99999999999999999999\r\n",
        "Transfer-Encoding: xchunked\r\n",
        "Transfer-Encoding:  chunked\r\n",
        "Transfer-Encoding: chunked, identity\r\n",
        "Transfer-Encoding: identity, chunked\r\n",
        "Transfer-Encoding\t: chunked\r\n",
        " Transfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n",
        "Transfer-Encoding: gzip\r\n",
    ];

    public string Name => "http-head";

    public Task<Outcome> SendAsync(Random random, TimeSpan deadline, CancellationToken cancellationToken) =>
        RawExchange.SendAsync(target.Settings.HttpPort, Build(random), deadline, cancellationToken);

    private byte[] Build(Random random)
    {
        var head = new StringBuilder();
        var method = random.Next(4) == 0 ? Mutator.Pick(random, Methods) : "GET";
        var path = Target(random);
        if (path.Contains(Fuzz.Target.ControlPrefix, StringComparison.Ordinal) && method is not ("GET" or "HEAD"))
        {
            // The control item must survive the campaign: it is only ever read.
            method = "GET";
        }

        head.Append(method).Append(' ').Append(path).Append(' ')
            .Append(random.Next(6) == 0 ? Mutator.Pick(random, Versions) : "HTTP/1.1").Append("\r\n");
        if (random.Next(8) != 0)
        {
            head.Append("Host: 127.0.0.1\r\n");
        }

        head.Append(target.AuthorizationLine);
        if (random.Next(4) != 0)
        {
            head.Append("Connection: close\r\n");
        }

        var body = string.Empty;
        switch (random.Next(6))
        {
            case 0:
                // A flood: many headers, or one very long one.
                var count = random.Next(2) == 0 ? random.Next(50, 3000) : 1;
                var length = count == 1 ? random.Next(1_000, 200_000) : random.Next(1, 40);
                for (var i = 0; i < count; i++)
                {
                    head.Append("X-Flood-").Append(i).Append(": ").Append('a', length).Append("\r\n");
                }

                break;
            case 1:
                head.Append(Mutator.Pick(random, Smuggling));
                body = "0\r\n\r\nGET " + target.ControlPath + " HTTP/1.1\r\nHost: x\r\n\r\n";
                break;
            case 2:
                head.Append("Range: ").Append(Mutator.Pick(random, ["bytes=0-0", "bytes=-1", "bytes=5-1", "bytes=0-", "bytes=99999999999-", "bytes=0-1,2-3", "bytes=--1", "items=0-1", "bytes=-0"])).Append("\r\n");
                break;
            case 3:
                head.Append(Mutator.Pick(random, ["If-None-Match: *\r\n", "If-None-Match: \"x\"\r\n", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n", "If-Modified-Since: garbage\r\n", "Expect: 100-continue\r\n", "Connection: keep-alive\r\n", "Connection: upgrade\r\nUpgrade: websocket\r\n", "Icy-MetaData: 1\r\n"]));
                break;
            default:
                break;
        }

        var text = head.Append("\r\n").Append(body).ToString();
        if (random.Next(3) == 0)
        {
            // A pipelined second request, possibly the control.
            text += "GET " + (random.Next(2) == 0 ? target.ControlPath : Target(random)) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(2) == 0 ? Mutator.Mutate(random, bytes) : bytes;
    }

    private string Target(Random random)
    {
        var control = target.ControlPath;
        var path = random.Next(9) switch
        {
            0 => control,
            1 => control.Replace("sig=", "sig=A", StringComparison.Ordinal),
            2 => "/api/media/" + Mutator.Pick(random, ["", "fuzz-control/tone", "x/../fuzz-control/tone", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd", "a//b", "a/.b", "fuzz/h/" + random.Next(100)]),
            3 => "/api/" + Mutator.Pick(random, ["recordings", "recordings?prefix=fuzz&limit=-1", "recordings?limit=999999999", "media?prefix=%00", "silo", "health", "streams"]),
            4 => Mutator.Pick(random, ["*", "http://127.0.0.1/api/health", "//api/health", "/%2e%2e/%2e%2e/etc/passwd", "/..\\..\\etc\\passwd", "/" + new string('a', 9000), "/m/", "/m/%ff%fe", "/c/x", "/rec/x.mp3"]),
            5 => Mutator.Mutate(random, control, 2),
            6 => control[..random.Next(control.Length)],
            7 => control + Mutator.Pick(random, ["&sig=x", "&rate=48000", "&format=mp3", "&exp=0", "#frag", "%00"]),
            _ => "/" + Mutator.Pick(random, Mutator.Tokens),
        };
        return path;
    }
}
