using CsCheck;
using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Tests.Urls;

public sealed class MediaUrlSignerTests
{
    private const string Payload = "m\nprompts/en/welcome\n0123456789abcdef0123\nwav\n1700006400";
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly MediaUrlSigner Signer = new(PlaybackUrlsFactory.Secret);

    [Fact]
    public void Sign_Payload_Is22Base64UrlCharactersWithoutDots()
    {
        var signature = Signer.Sign(Payload);

        Assert.Equal(22, signature.Length);
        Assert.All(signature, c => Assert.Contains(c, Base64UrlAlphabet));
        Assert.DoesNotContain('.', signature);
    }

    [Fact]
    public void Sign_SamePayloadTwice_SameSignature()
    {
        Assert.Equal(Signer.Sign(Payload), new MediaUrlSigner(PlaybackUrlsFactory.Secret).Sign(Payload));
    }

    [Fact]
    public void Verify_OwnSignature_True()
    {
        Assert.True(Signer.Verify(Payload, Signer.Sign(Payload)));
    }

    [Theory]
    [InlineData("m\nprompts/en/welcome\n0123456789abcdef0123\nwav\n1700006401")]
    [InlineData("m\nprompts/en/welcome\n0123456789abcdef0124\nwav\n1700006400")]
    [InlineData("m\nprompts/en/welcome\n0123456789abcdef0123\nmp3\n1700006400")]
    [InlineData("r\nprompts/en/welcome\n0123456789abcdef0123\nwav\n1700006400")]
    [InlineData("m\nprompts/en/welcomf\n0123456789abcdef0123\nwav\n1700006400")]
    [InlineData("")]
    public void Verify_TamperedPayload_False(string tampered)
    {
        Assert.False(Signer.Verify(tampered, Signer.Sign(Payload)));
    }

    [Fact]
    public void Verify_FirstCharacterChanged_False()
    {
        var signature = Signer.Sign(Payload);
        var changed = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        Assert.False(Signer.Verify(Payload, changed));
    }

    [Fact]
    public void Verify_AnySingleCharacterChangedWithinAlphabet_FalseWithoutThrowing()
    {
        var signature = Signer.Sign(Payload);

        for (var i = 0; i < signature.Length; i++)
        {
            foreach (var c in Base64UrlAlphabet.Where(c => c != signature[i]))
            {
                var tampered = signature[..i] + c + signature[(i + 1)..];
                Assert.False(Signer.Verify(Payload, tampered), $"'{tampered}' verified");
            }
        }
    }

    [Fact]
    public void Verify_WrongLength_FalseWithoutThrowing()
    {
        var signature = Signer.Sign(Payload);

        foreach (var wrong in new[] { string.Empty, signature[..1], signature[..20], signature[..21], signature + "A", signature + "AA", signature + signature, new string('A', 1000) })
        {
            Assert.False(Signer.Verify(Payload, wrong), $"'{wrong}' verified");
        }
    }

    [Theory]
    [InlineData('.')]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData('!')]
    [InlineData('%')]
    [InlineData('~')]
    [InlineData('\u00E9')]
    public void Verify_NonBase64UrlCharacter_FalseWithoutThrowing(char bad)
    {
        var signature = Signer.Sign(Payload);

        Assert.False(Signer.Verify(Payload, signature[..5] + bad + signature[6..]));
        Assert.False(Signer.Verify(Payload, signature[..^1] + bad));
    }

    [Fact]
    public void Verify_PaddedOrWhitespaceVariantOfValidSignature_False()
    {
        // Only the exact 22 characters Sign produced are that signature; anything else is another URL.
        var signature = Signer.Sign(Payload);

        foreach (var variant in new[] { signature + "==", signature + " ", " " + signature, signature[..11] + " " + signature[11..], signature[..11] + "\t" + signature[11..], signature + "\n" })
        {
            Assert.False(Signer.Verify(Payload, variant), $"'{variant}' verified");
        }
    }

    [Fact]
    public void Verify_OtherSecret_False()
    {
        var other = new MediaUrlSigner("another-secret-0123456789abcdefghijklmn");

        Assert.False(other.Verify(Payload, Signer.Sign(Payload)));
        Assert.NotEqual(other.Sign(Payload), Signer.Sign(Payload));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Constructor_NoSecret_Throws(string? secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new MediaUrlSigner(secret!));
    }

    [Fact]
    public void Verify_RandomPayloads_OwnSignatureVerifiesAndHasNoDot()
    {
        Gen.String.Sample(payload =>
        {
            var signature = Signer.Sign(payload);
            Assert.Equal(22, signature.Length);
            Assert.DoesNotContain('.', signature);
            Assert.True(Signer.Verify(payload, signature));
            Assert.False(Signer.Verify(payload + "x", signature));
        }, iter: 5_000);
    }

    [Fact]
    public void Verify_RandomSignatureStrings_NeverThrow()
    {
        Gen.String.Sample(signature => Assert.False(Signer.Verify(Payload, signature)), iter: 5_000);
    }
}
