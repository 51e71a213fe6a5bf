using System.Text;
using System.Text.RegularExpressions;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Audio uploads with mutated WAV headers (sizes, channels, rates, bits), mutated or truncated
/// MP3 frames, and lying content types; an upload the silo accepts is then asked for as a
/// stream (at a random format and rate) and played once.
/// </summary>
public sealed partial class AudioUploads(Target target) : IFamily
{
    private static readonly byte[] Wav = Samples.ToneWav(8000, 0.5);
    private static readonly byte[] Mp3 = Samples.SilentMp3(20);

    public string Name => "audio";

    public async Task<Outcome> SendAsync(Random random, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var wav = random.Next(2) == 0;
        var body = random.Next(3) switch
        {
            0 when wav => Samples.WavWith(random, Wav),
            0 => Mp3[..random.Next(Mp3.Length)],
            _ => Mutator.Mutate(random, wav ? Wav : Mp3, 6),
        };
        var contentType = random.Next(8) == 0 ? Mutator.Pick(random, ["audio/x-wav", "audio/mpeg", "audio/wav", "application/octet-stream", "audio/mpeg; x=1"]) : wav ? "audio/wav" : "audio/mpeg";
        var name = $"fuzz/u/{random.Next(32)}";
        var head = $"PUT /api/media/{name} HTTP/1.1\r\nHost: 127.0.0.1\r\n{target.AuthorizationLine}Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        var upload = await RawExchange.SendAsync(target.Settings.HttpPort, (byte[])[.. Encoding.ASCII.GetBytes(head), .. body], deadline, cancellationToken);
        if (upload.Statuses is not [200] || random.Next(2) == 0)
        {
            return upload;
        }

        var ask = $"{{\"mediaName\":\"{name}\",\"protocol\":\"http\",\"format\":\"wav\",\"rate\":{Mutator.Pick(random, [8000, 16000, 22050, 48000])}}}";
        var streamHead = $"POST /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n{target.AuthorizationLine}Content-Type: application/json\r\nContent-Length: {ask.Length}\r\nConnection: close\r\n\r\n{ask}";
        var stream = await RawExchange.SendAsync(target.Settings.HttpPort, Encoding.ASCII.GetBytes(streamHead), deadline, cancellationToken);
        var url = stream.Statuses is [200] ? UrlPath().Match(stream.Text).Groups[1].Value : string.Empty;
        if (url.Length == 0)
        {
            return new Outcome([.. upload.Statuses, .. stream.Statuses], stream.Hung, stream.Refused);
        }

        var play = await RawExchange.SendAsync(target.Settings.HttpPort, Encoding.ASCII.GetBytes($"GET {url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), deadline, cancellationToken);
        return new Outcome([.. upload.Statuses, .. stream.Statuses, .. play.Statuses], play.Hung, play.Refused);
    }

    [GeneratedRegex("\"url\":\"http://[^/\"]+(/[^\"]+)\"")]
    private static partial Regex UrlPath();
}
