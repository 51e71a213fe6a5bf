using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Configuration;

/// <summary>Registers an options class the way every area of the silo does: bound, then validated at start.</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/> and validates it when the
    /// silo starts, reporting each failure with its full key (<see cref="SectionOptionsValidator{T}"/>).
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionOptionsValidator<T>(section));
        return services;
    }
}
