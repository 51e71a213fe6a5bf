using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Audio;

/// <summary>Registers the <see cref="IMp3Decoder"/> that <see cref="AudioOptions"/> chooses.</summary>
public static class Mp3DecoderServiceCollectionExtensions
{
    /// <summary>
    /// Adds the configured <see cref="IMp3Decoder"/>, chosen and logged at start. Bind and validate
    /// <see cref="AudioOptions"/> (section <see cref="AudioOptions.Section"/>) alongside.
    /// </summary>
    public static IServiceCollection AddMp3Decoder(this IServiceCollection services)
    {
        services.AddSingleton(sp => Mp3Decoders.Create(sp.GetRequiredService<IOptions<AudioOptions>>().Value.Decoder));
        services.AddHostedService<Mp3DecoderStartup>();
        return services;
    }
}
