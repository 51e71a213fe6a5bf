using System.Text;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Mutated SHOUT dialogues on the SHOUT port: <c>SOURCE</c>, <c>PUT</c> and <c>OPTIONS</c> with
/// right, wrong and malformed credentials, tampered mounts and audio bodies, and playback heads.
/// </summary>
public sealed class ShoutDialogues(Target target) : IFamily
{
    private static readonly byte[] Audio = Samples.SilentMp3(12);

    public string Name => "shout";

    public Task<Outcome> SendAsync(Random random, TimeSpan deadline, CancellationToken cancellationToken) =>
        RawExchange.SendAsync(target.Settings.ShoutPort, Build(random), deadline, cancellationToken);

    private byte[] Build(Random random)
    {
        var (mount, user, password) = Mutator.Pick(random, target.Recordings);
        var kind = random.Next(5);
        if (kind == 0)
        {
            var head = $"GET {(random.Next(2) == 0 ? target.ShoutPlaybackPath : Mutator.Mutate(random, target.ShoutPlaybackPath, 2))} HTTP/1.0\r\nIcy-MetaData: 1\r\n\r\n";
            return Encoding.UTF8.GetBytes(head);
        }

        var method = kind switch
        {
            1 => "OPTIONS",
            2 => "PUT",
            _ => "SOURCE",
        };
        var credentials = random.Next(4) switch
        {
            0 => $"{user}:{password}",
            1 => $"{user}:wrong",
            2 => $"source:{password}",
            _ => Mutator.Mutate(random, $"{user}:{password}", 2),
        };
        var authorization = random.Next(8) switch
        {
            0 => "Authorization: Basic !!!notbase64\r\n",
            1 => string.Empty,
            2 => "Authorization: Bearer x\r\n",
            _ => $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}\r\n",
        };
        var path = random.Next(3) == 0 ? Mutator.Mutate(random, mount, 2) : mount;
        var builder = new StringBuilder()
            .Append(method).Append(' ').Append(method == "OPTIONS" && random.Next(2) == 0 ? "*" : path).Append(" HTTP/1.")
            .Append(method == "SOURCE" ? '0' : '1').Append("\r\n")
            .Append("Host: 127.0.0.1\r\n").Append(authorization)
            .Append("Content-Type: ").Append(Mutator.Pick(random, ["audio/mpeg", "audio/mpeg", "audio/ogg", "text/plain", ""])).Append("\r\n")
            .Append("ice-name: fuzz\r\n");
        if (method == "PUT")
        {
            builder.Append(random.Next(2) == 0 ? "Expect: 100-continue\r\n" : string.Empty)
                .Append(random.Next(2) == 0 ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {Audio.Length}\r\n");
        }

        if (method == "OPTIONS")
        {
            builder.Append("Upgrade: TLS/1.0\r\nConnection: Upgrade\r\n");
        }

        var head2 = Encoding.UTF8.GetBytes(builder.Append("\r\n").ToString());
        byte[] bytes = method == "OPTIONS" ? head2 : [.. head2, .. random.Next(3) == 0 ? Mutator.Mutate(random, Audio) : Audio];
        return random.Next(3) == 0 ? Mutator.Mutate(random, bytes) : bytes;
    }
}
